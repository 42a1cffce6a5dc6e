package lemon.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lemon.retrieval.Vectors;
import org.junit.jupiter.api.Test;

class MiniLmEncoderTest {
    @Test
    void similarSentencesScoreHigherThanUnrelated() {
        MiniLmEncoder enc = MiniLmEncoder.get();
        assertSame(enc, MiniLmEncoder.get());
        assertEquals(384, enc.dimension());
        float[][] v = enc.encode(List.of(
                "A poor woodcutter finds a cave full of gold in the forest.",
                "In the woods, a penniless man discovers a hidden treasure inside a rock.",
                "The detective questions the passengers on the night ferry."));
        for (float[] x : v) {
            assertEquals(384, x.length);
            assertEquals(1.0, Math.sqrt(Vectors.dot(x, x)), 1e-4);
        }
        float related = Vectors.dot(v[0], v[1]), unrelated = Vectors.dot(v[0], v[2]);
        assertTrue(related > unrelated + 0.2, related + " vs " + unrelated);
    }

    @Test
    void concurrentCallsGiveTheSameVectors() throws Exception {
        MiniLmEncoder enc = MiniLmEncoder.get();
        float[] expected = enc.encode("The witch locks the boy in a cage.");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++)
                futures.add(pool.submit(() -> enc.encode("The witch locks the boy in a cage.")));
            for (var f : futures) {
                float[] got = f.get();
                for (int d = 0; d < 384; d++) assertEquals(expected[d], got[d], 1e-5);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void batchingDoesNotChangeResultsAndLongTextIsTruncated() {
        MiniLmEncoder enc = MiniLmEncoder.get();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) texts.add("Sentence number " + i + " about a king and a princess.");
        texts.add("word ".repeat(2000));
        float[][] batch = enc.encode(texts);
        float[] single = enc.encode(texts.get(33));
        for (int d = 0; d < 384; d++) assertEquals(single[d], batch[33][d], 1e-4);
        assertEquals(1.0, Math.sqrt(Vectors.dot(batch[40], batch[40])), 1e-4);
    }

    @Test
    void textsOfMixedLengthsComeBackInTheOrderGiven() {
        MiniLmEncoder enc = MiniLmEncoder.get();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 70; i++) // the encoder batches by length: long and short interleaved here
        texts.add(
                    i % 2 == 0
                            ? "A king " + i + "."
                            : "The miller's daughter spun straw into gold ".repeat(1 + i % 5) + i);
        float[][] all = enc.encode(texts);
        for (int i : new int[] {0, 1, 2, 33, 68, 69}) {
            float[] alone = enc.encode(texts.get(i));
            for (int d = 0; d < 384; d++) assertEquals(alone[d], all[i][d], 1e-4, "text " + i);
        }
    }
}
