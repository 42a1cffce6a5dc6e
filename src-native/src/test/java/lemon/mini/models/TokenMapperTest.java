package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import lemon.mini.loaders.MapperFiles;
import org.junit.jupiter.api.Test;

/** The NeTI mapper M(t, layer): shape, zero start, dependence on t, layer and token, bytes. */
class TokenMapperTest {
    static final TokenMapper.Config CFG = new TokenMapper.Config(16, 4, 1000, 6, 32);

    @Test
    void offsetsHaveOneRowPerSampleAndTokenAndStartAtZero() {
        try (NDManager m = TestSupport.manager();
                TokenMapper mapper = new TokenMapper(CFG, m, 3)) {
            mapper.params().attachTo(m);
            var tokens = m.randomNormal(new Shape(3, 16));
            var out = mapper.offsets(tokens, new float[] {10, 500}, 2);
            assertEquals(new Shape(2, 3, 16), out.getShape());
            for (float v : out.toFloatArray()) assertEquals(0f, v, "an untrained mapper adds nothing");
            assertThrows(IllegalArgumentException.class, () -> mapper.offsets(tokens, new float[] {1}, 4));
        }
    }

    @Test
    void offsetsDependOnTimestepLayerAndTokenAndSurviveBytes() throws Exception {
        try (NDManager m = TestSupport.manager();
                TokenMapper mapper = new TokenMapper(CFG, m, 3)) {
            Random r = new Random(5);
            float[] w = new float[16 * 32];
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.1f;
            mapper.params().load("out.weight", new long[] {16, 32}, w);
            mapper.params().attachTo(m);
            var tokens = m.randomNormal(new Shape(2, 16));
            float[] early = mapper.offsets(tokens, new float[] {100, 100}, 0).toFloatArray();
            float[] late = mapper.offsets(tokens, new float[] {900}, 0).toFloatArray();
            float[] deeper = mapper.offsets(tokens, new float[] {100}, 3).toFloatArray();
            // rows: sample 0 token 0 = [0, 16), sample 0 token 1 = [16, 32), sample 1 token 0 = [32, 48)
            assertTrue(diff(early, 0, late, 0) > 1e-3, "t changes the offset");
            assertTrue(diff(early, 0, deeper, 0) > 1e-3, "the layer changes the offset");
            assertTrue(diff(early, 0, early, 16) > 1e-3, "each token gets its own offset");
            assertEquals(0, diff(early, 0, early, 32), "same t, layer and token: same offset");

            byte[] bytes = MapperFiles.toBytes(mapper);
            assertArrayEquals(bytes, MapperFiles.toBytes(mapper), "the same weights give the same bytes");
            try (TokenMapper back = MapperFiles.fromBytes(bytes, m)) {
                back.params().attachTo(m);
                assertEquals(CFG, back.config());
                assertArrayEquals(
                        early, back.offsets(tokens, new float[] {100, 100}, 0).toFloatArray());
            }
        }
    }

    private static double diff(float[] a, int i, float[] b, int j) {
        double d = 0;
        for (int k = 0; k < 16; k++) d = Math.max(d, Math.abs(a[i + k] - b[j + k]));
        return d;
    }
}
