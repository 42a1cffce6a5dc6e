package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UNet's conditioning hook: per cross-attention layer and timestep, identical to plain text states when constant. */
class ConditioningTest {
    @Test
    void everyCrossAttentionLayerAsksForItsStatesAndAConstantOneChangesNothing() {
        UNetConfig cfg = UNetConfig.tiny();
        try (NDManager m = TestSupport.manager();
                MiniUNet unet = new MiniUNet(cfg, m, 3)) {
            randomise(unet, 1);
            try (NDManager scope = m.newSubManager()) {
                unet.params().attachTo(scope);
                NDArray x = scope.randomNormal(new Shape(2, 4, 8, 8));
                NDArray ctx = scope.randomNormal(new Shape(2, 5, cfg.contextDim()));
                NDArray other = scope.randomNormal(new Shape(2, 5, cfg.contextDim()));
                float[] t = {10, 500};
                float[] plain = unet.forward(x, t, ctx).toFloatArray();
                assertArrayEquals(
                        plain,
                        unet.forward(x, t, Conditioning.constant(ctx, null)).toFloatArray(),
                        "constant = plain");

                List<Integer> layers = new ArrayList<>();
                Conditioning perLayer = new Conditioning() {
                    @Override
                    public NDArray context(int layer, float[] ts) {
                        layers.add(layer);
                        assertArrayEquals(t, ts, "the samples' timesteps");
                        return layer == 0 ? other : ctx;
                    }

                    @Override
                    public NDArray pooled() {
                        return null;
                    }
                };
                float[] mapped = unet.forward(x, t, perLayer).toFloatArray();
                assertTrue(unet.crossAttentionLayers() >= 2, "tiny config has several cross-attention layers");
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < unet.crossAttentionLayers(); i++) expected.add(i);
                assertEquals(expected, layers, "each layer asked once, in order");
                double d = 0;
                for (int i = 0; i < plain.length; i++) d = Math.max(d, Math.abs(plain[i] - mapped[i]));
                assertTrue(d > 1e-4, "the first layer's own states change the output: " + d);
            }
        }
    }

    @Test
    void regionsKeepEachPersonsWordsToItsColumnAndAMaskOfNoPeopleChangesNothing() {
        UNetConfig cfg = UNetConfig.tiny();
        try (NDManager m = TestSupport.manager();
                MiniUNet unet = new MiniUNet(cfg, m, 3)) {
            randomise(unet, 2);
            try (NDManager scope = m.newSubManager()) {
                unet.params().attachTo(scope);
                NDArray x = scope.randomNormal(new Shape(1, 4, 8, 16));
                NDArray ctx = scope.randomNormal(new Shape(1, 5, cfg.contextDim()));
                float[] t = {300};
                Conditioning plain = Conditioning.constant(ctx, null);
                float[] without = unet.forward(x, t, plain).toFloatArray();
                float[] none = unet.forward(x, t, Conditioning.withRegions(plain, RegionMask.none(1, 5)))
                        .toFloatArray();
                assertArrayEquals(without, none, "a mask of no people reads as plain conditioning");
                RegionMask two = new RegionMask(new int[][] {{-1, 0, 0, 1, -1}});
                float[] regional =
                        unet.forward(x, t, Conditioning.withRegions(plain, two)).toFloatArray();
                double d = 0;
                for (int i = 0; i < without.length; i++) d = Math.max(d, Math.abs(without[i] - regional[i]));
                assertTrue(d > 1e-4, "two people's columns read different words: " + d);
            }
        }
    }

    /** Random weights everywhere: the zero-initialised output convs would hide any input. */
    private static void randomise(MiniUNet unet, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        for (var e : List.copyOf(unet.params().all().entrySet())) {
            float[] w = new float[(int) e.getValue().size()];
            for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian() * 0.2f;
            unet.params().load(e.getKey(), e.getValue().getShape().getShape(), w);
        }
    }
}
