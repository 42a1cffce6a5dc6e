package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import lemon.mini.models.Conditioning;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.TestSupport;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.models.UNetConfig;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.mini.schedulers.DdimScheduler;
import lemon.mini.schedulers.DdpmScheduler;
import lemon.mini.schedulers.SchedulerConfig;
import org.junit.jupiter.api.Test;

class UNetDiffusionTest {
    @Test
    void shapesAndAnalyticParameterCount() {
        UNetConfig cfg = UNetConfig.tiny();
        try (NDManager m = TestSupport.manager();
                MiniUNet unet = new MiniUNet(cfg, m, 3)) {
            assertEquals(cfg.parameterCount(), unet.params().count(), "analytic count matches instantiated");
            try (NDManager scope = m.newSubManager()) {
                unet.params().attachTo(scope);
                NDArray x = scope.randomNormal(new Shape(2, 4, 8, 8));
                NDArray ctx = scope.randomNormal(new Shape(2, 5, 32));
                assertEquals(
                        new Shape(2, 4, 8, 8),
                        unet.forward(x, new float[] {10, 500}, ctx).getShape());
            }
        }
        UNetConfig pooledCfg = new UNetConfig(4, 4, 8, 16, List.of(1, 2), 1, List.of(1), 2, 32, 4, true);
        try (NDManager m = TestSupport.manager();
                MiniUNet unet = new MiniUNet(pooledCfg, m, 3)) {
            assertEquals(pooledCfg.parameterCount(), unet.params().count(), "analytic count includes add_embedding");
            java.util.Random rnd = new java.util.Random(1); // the zero-initialised output convs would hide any input
            for (var e : java.util.List.copyOf(unet.params().all().entrySet())) {
                float[] w = new float[(int) e.getValue().size()];
                for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian() * 0.2f;
                unet.params().load(e.getKey(), e.getValue().getShape().getShape(), w);
            }
            try (NDManager scope = m.newSubManager()) {
                unet.params().attachTo(scope);
                NDArray x = scope.randomNormal(new Shape(1, 4, 8, 8));
                NDArray ctx = scope.randomNormal(new Shape(1, 5, 32));
                float[] a = unet.forward(x, new float[] {300}, ctx, scope.randomNormal(new Shape(1, 32)))
                        .toFloatArray();
                float[] b = unet.forward(x, new float[] {300}, ctx, scope.randomNormal(new Shape(1, 32)))
                        .toFloatArray();
                assertTrue(maxDiff(a, b) > 1e-4, "the pooled vector conditions the output");
                assertThrows(IllegalArgumentException.class, () -> unet.forward(x, new float[] {300}, ctx));
            }
        }
        long sd = UNetConfig.sd1x().parameterCount();
        System.out.printf(
                "SD-1.x UNet config: %,d parameters (published %,d, ratio %.4f)%n",
                sd, UNetConfig.SD1X_PUBLISHED_PARAMS, (double) sd / UNetConfig.SD1X_PUBLISHED_PARAMS);
        assertEquals(1.0, (double) sd / UNetConfig.SD1X_PUBLISHED_PARAMS, 0.01);
        System.out.printf(
                "SD-1.x text encoder config: %,d parameters (CLIP ViT-L/14 text: 123,060,480)%n",
                TextEncoderConfig.sd1x().parameterCount());
    }

    @Test
    void ddpmOverfitsABatchAndDdimIsDeterministicWithGuidance() {
        UNetConfig cfg = UNetConfig.tiny();
        TextEncoderConfig tcfg = TextEncoderConfig.tiny();
        try (NDManager m = TestSupport.manager();
                MiniUNet unet = new MiniUNet(cfg, m, 4);
                MiniTextEncoder enc = new MiniTextEncoder(tcfg, TestSupport.tokenizer(tcfg), m, 5);
                DdpmTrainer trainer = new DdpmTrainer(
                        unet, enc, new DdpmScheduler(SchedulerConfig.portrait(), 0), 2e-3f, 0.9f, 0.1f, 6)) {
            enc.params().freezeAllExcept(n -> false);
            // Four fixed "images": smooth patterns the model can learn to denoise.
            float[] data = new float[4 * 4 * 8 * 8];
            for (int i = 0; i < data.length; i++) data[i] = (float) Math.sin(i * 0.37) * 0.8f;
            NDArray x0 = m.create(data, new Shape(4, 4, 8, 8));
            List<String> caps = TestSupport.CAPTIONS.subList(0, 4);
            double first = 0, last = 0;
            int n = 30;
            for (int calls = 1; trainer.steps() < n; calls++) {
                assertTrue(calls <= n + 3, "too many skipped batches: " + trainer.skipped());
                int s = trainer.steps();
                float l = trainer.step(x0, caps);
                if (!Float.isFinite(l)) continue; // skipped by the NaN guard, weights untouched
                if (s < 5) first += l / 5;
                if (s >= n - 5) last += l / 5;
            }
            assertTrue(last < first * 0.8, "loss falls: " + first + " → " + last);

            // the production DDIM loop (guidance, rescale, clipped x̂0), on the tiny UNet
            DdimScheduler ddim = new DdimScheduler(SchedulerConfig.portrait());
            PortraitPipeline.Sampling guided = new PortraitPipeline.Sampling(5, 3f, PortraitPipeline.DEFAULT_RESCALE);
            try (NDManager scope = m.newSubManager()) {
                enc.params().attachTo(scope);
                var cond = Conditioning.constant(
                        enc.encode(scope, List.of("a man with red hair")).states(), null);
                var uncond =
                        Conditioning.constant(enc.encode(scope, List.of("")).states(), null);
                Shape shape = new Shape(1, 4, 8, 8);
                float[] a = PortraitPipeline.denoise(scope, unet, ddim, cond, uncond, noise(scope, shape, 42), guided)
                        .toFloatArray();
                float[] b = PortraitPipeline.denoise(scope, unet, ddim, cond, uncond, noise(scope, shape, 42), guided)
                        .toFloatArray();
                float[] c = PortraitPipeline.denoise(
                                scope, unet, ddim, cond, uncond, noise(scope, shape, 42), guided.withGuidance(1f))
                        .toFloatArray();
                float[] d = PortraitPipeline.denoise(scope, unet, ddim, cond, uncond, noise(scope, shape, 43), guided)
                        .toFloatArray();
                assertArrayEquals(a, b, "same seed, same sample");
                assertTrue(maxDiff(a, c) > 1e-4, "guidance changes the sample");
                assertTrue(maxDiff(a, d) > 1e-2, "another seed, another sample");
            }
        }
    }

    @Test
    void aBatchWithANonFiniteLossIsSkippedAndLeavesTheWeightsAlone() {
        try (NDManager m = TestSupport.manager();
                MiniUNet unet = new MiniUNet(UNetConfig.tiny(), m, 4);
                MiniTextEncoder enc = new MiniTextEncoder(
                        TextEncoderConfig.tiny(), TestSupport.tokenizer(TextEncoderConfig.tiny()), m, 5);
                DdpmTrainer trainer = new DdpmTrainer(
                        unet, enc, new DdpmScheduler(SchedulerConfig.portrait(), 0), 2e-3f, 0.9f, 0f, 6)) {
            float[] data = new float[2 * 4 * 8 * 8];
            data[17] = Float.NaN;
            String key = unet.params().all().keySet().iterator().next();
            float[] before = unet.params().get(key).toFloatArray();
            float loss = trainer.step(m.create(data, new Shape(2, 4, 8, 8)), TestSupport.CAPTIONS.subList(0, 2));
            assertTrue(Float.isNaN(loss));
            assertEquals(0, trainer.steps());
            assertEquals(1, trainer.skipped());
            assertArrayEquals(before, unet.params().get(key).toFloatArray(), "no update applied");
            float next = trainer.step(
                    m.create(new float[2 * 4 * 8 * 8], new Shape(2, 4, 8, 8)), TestSupport.CAPTIONS.subList(0, 2));
            assertTrue(Float.isFinite(next), "the next clean batch trains normally");
            assertEquals(1, trainer.steps());
        }
    }

    /** Start noise from java.util.Random(seed): the same seed gives the same image. */
    private static NDArray noise(NDManager m, Shape shape, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] init = new float[(int) shape.size()];
        for (int i = 0; i < init.length; i++) init[i] = (float) rnd.nextGaussian();
        return m.create(init, shape);
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }
}
