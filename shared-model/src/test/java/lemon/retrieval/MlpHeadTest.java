package lemon.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpHeadTest {
    static MlpHead randomHead(int in, int hidden, int out, long seed) {
        Random r = new Random(seed);
        float[] w1 = new float[hidden * in], b1 = new float[hidden], w2 = new float[out * hidden], b2 = new float[out];
        for (float[] a : new float[][] {w1, b1, w2, b2})
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian() * 0.1f;
        return new MlpHead(in, hidden, out, w1, b1, w2, b2);
    }

    @Test
    void computesReluMlpAndNormalises() {
        // 2 → 2 → 1 by hand: h = relu([x0 - x1, x1]); y = h0 + 2 h1, normalised to ±1.
        MlpHead h = new MlpHead(
                2, 2, 2, new float[] {1, -1, 0, 1}, new float[] {0, 0}, new float[] {1, 2, 0, 0}, new float[] {0, 3});
        float[] y = h.apply(new float[] {1, 2}); // h = [0, 2] → y = [4, 3] → [0.8, 0.6]
        assertArrayEquals(new float[] {0.8f, 0.6f}, y, 1e-6f);
        float[] z = randomHead(8, 6, 4, 1).apply(new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(1.0, Math.sqrt(Vectors.dot(z, z)), 1e-5);
    }

    @Test
    void saveLoadRoundTrip(@TempDir Path dir) throws IOException {
        MlpHead h = randomHead(16, 8, 4, 2);
        Path f = dir.resolve("head.lmhd");
        h.save(f);
        MlpHead back = MlpHead.load(f);
        assertEquals(h.checksum(), back.checksum());
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) x[i] = i - 7;
        assertArrayEquals(h.apply(x), back.apply(x), 0f);
        assertEquals(List.of(16, 8, 4), List.of(back.inputDim(), back.hiddenDim(), back.outputDim()));
    }

    @Test
    void corruptFileFailsWithItsName(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken-head.lmhd");
        randomHead(16, 8, 4, 3).save(f);
        byte[] b = Files.readAllBytes(f);
        b[40] ^= 0x5A; // flip bits in a weight
        Files.write(f, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpHead.load(f));
        assertTrue(e.getMessage().contains("broken-head.lmhd") && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void pairEmbeddingsRoundTripAndVerify(@TempDir Path dir) throws IOException {
        PairEmbeddings pe = new PairEmbeddings("db", "head", List.of("a", "b"), new float[][] {{1, 0}, {0, 1}});
        Path f = dir.resolve("e.lmpe");
        pe.write(f);
        PairEmbeddings back = PairEmbeddings.read("e.lmpe", Files.readAllBytes(f));
        assertTrue(back.matches("db", "head", List.of("a", "b")));
        assertTrue(!back.matches("db2", "head", List.of("a", "b")));
        assertArrayEquals(new float[] {0, 1}, back.vectors()[1]);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 40] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> PairEmbeddings.read("e.lmpe", b));
    }
}
