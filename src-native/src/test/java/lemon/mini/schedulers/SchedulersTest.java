package lemon.mini.schedulers;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import lemon.mini.pipelines.PortraitPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulersTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void ddimTimestepsTrailFromTheLastNoiseLevel() {
        DdimScheduler s = new DdimScheduler(SchedulerConfig.portrait());
        s.setTimesteps(20);
        int[] t = s.timesteps();
        assertEquals(20, t.length);
        assertEquals(999, t[0]);
        assertEquals(49, t[19]);
        assertEquals(-1, s.previousTimestep(t[19]), "the last step lands on the clean sample");
        s.setTimesteps(30); // 1000/30 is not whole: integer stride 33, first step still T−1
        assertEquals(999, s.timesteps()[0]);
        assertEquals(999 - 29 * 33, s.timesteps()[29]);
        assertThrows(IllegalArgumentException.class, () -> s.setTimesteps(0));
    }

    @Test
    void configRoundTripsAndOldWeightsFallBackToThePortraitDefaults(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SchedulerConfig.sd1x().write(buf);
        assertEquals(SchedulerConfig.sd1x(), SchedulerConfig.read(new ByteArrayInputStream(buf.toByteArray())));
        assertEquals(
                SchedulerConfig.portrait(), SchedulerConfig.readFrom(dir), "no file: the constants older weights used");
        SchedulerConfig.sd1x().writeTo(dir);
        assertEquals(SchedulerConfig.sd1x(), SchedulerConfig.readFrom(dir));
        assertEquals(
                SchedulerConfig.portrait(),
                SchedulerConfig.readFrom(PortraitPipeline.committedDir()),
                "the committed diffusion weights carry the config they were trained with");
        assertThrows(
                IllegalArgumentException.class,
                () -> new SchedulerConfig("sigmoid", 1000, "trailing", true, 1f, "epsilon"));
    }

    @Test
    void addNoiseAndDdimStepInvertEachOtherForTheTrueNoise() {
        DdimScheduler s = new DdimScheduler(new SchedulerConfig("cosine", 1000, "trailing", false, 1f, "epsilon"));
        s.setTimesteps(10);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x0 = m.randomUniform(-1f, 1f, new Shape(2, 3, 4, 4));
            NDArray eps = m.randomNormal(new Shape(2, 3, 4, 4));
            int t = s.timesteps()[0];
            NDArray xt = s.addNoise(x0, eps, new int[] {t, t});
            double ab = s.schedule().alphaBar(t);
            assertTrue(xt.sub(x0.mul((float) Math.sqrt(ab)).add(eps.mul((float) Math.sqrt(1 - ab))))
                            .abs()
                            .max()
                            .getFloat()
                    < 1e-6);
            int mid = s.timesteps()[5]; // at t = T−1 ᾱ is ~1e-5: x̂0 magnifies float rounding there
            assertTrue(
                    s.predictOriginal(s.addNoise(x0, eps, new int[] {mid, mid}), eps, mid)
                                    .sub(x0)
                                    .abs()
                                    .max()
                                    .getFloat()
                            < 1e-4,
                    "x̂0 from the true ε is x0");
            // with the true ε every DDIM step stays on the same trajectory: the last one returns x0
            NDArray x = xt;
            for (int ti : s.timesteps()) {
                NDArray e = x.sub(x0.mul((float) Math.sqrt(s.schedule().alphaBar(ti))))
                        .div((float) Math.sqrt(1 - s.schedule().alphaBar(ti)));
                x = s.step(e, ti, x);
            }
            assertTrue(x.sub(x0).abs().max().getFloat() < 1e-3);
        }
    }

    @Test
    void ddpmStepsAreSeededAndTheLastIsNoiseFree() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 3, 4, 4)), eps = m.randomNormal(new Shape(1, 3, 4, 4));
            float[][] out = new float[3][];
            for (int k = 0; k < 3; k++) {
                DdpmScheduler s = new DdpmScheduler(SchedulerConfig.portrait(), k < 2 ? 7 : 8);
                s.setTimesteps(50);
                out[k] = s.step(eps, s.timesteps()[0], x).toFloatArray();
            }
            assertArrayEquals(out[0], out[1], "same seed, same step");
            assertFalse(java.util.Arrays.equals(out[0], out[2]), "the noise comes from the seed");
            DdpmScheduler s = new DdpmScheduler(SchedulerConfig.portrait(), 7);
            s.setTimesteps(50);
            int last = s.timesteps()[49];
            NDArray x0 = s.predictOriginal(x, eps, last).clip(-1f, 1f);
            double at = s.schedule().alphaBar(last), beta = 1 - at;
            NDArray mean = x0.mul((float) (beta / (1 - at))).add(x.mul((float) (Math.sqrt(1 - beta) * 0 / (1 - at))));
            assertTrue(
                    s.step(eps, last, x).sub(mean).abs().max().getFloat() < 1e-5,
                    "the last step is the posterior mean, x̂0");
        }
    }
}
