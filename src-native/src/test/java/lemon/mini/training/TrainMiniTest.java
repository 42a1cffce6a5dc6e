package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.ModelManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: train, get killed (here: stop), resume, and ship with a manifest. */
class TrainMiniTest {
    static {
        TestEnv.init();
    }

    @Test
    void validatorRunResumesAndWritesWeightsManifestAndCurves(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work"), out = tmp.resolve("out");
        String[] common = {"--work", work.toString(), "--out", out.toString(), "--seed", "31", "--eval", "20"};
        TrainMini.run(java.util.List.of(concat(new String[] {"validator", "--steps", "3"}, common)), System.out);
        assertEquals(3, ModelManifest.read(work.resolve("validator")).steps());
        TrainMini.run(
                java.util.List.of(concat(new String[] {"validator", "--steps", "5", "--resume"}, common)), System.out);
        ModelManifest shipped = Checkpoint.verify(out.resolve("validator"));
        assertEquals(5, shipped.steps(), "steps continue across the resume");
        assertEquals(31, shipped.dataSeed());
        assertEquals(2.0, shipped.metrics().get("steps_this_run"));
        assertEquals(20.0, shipped.metrics().get("heldout_images"));
        assertTrue(shipped.metrics().containsKey("heldout_gender_accuracy"));
        assertTrue(Files.size(work.resolve("loss-curves.png")) > 1000);
        assertEquals(
                5,
                Files.readAllLines(work.resolve("loss-validator.csv")).size(),
                "loss log keeps the first run's points");
        assertThrows(IllegalArgumentException.class, () -> TrainMini.parse(new String[] {"unet"}));
    }

    @Test
    void upsamplerThenDiffusionWriteAGeneratorThatLoadsAndCarriesItsEvaluation(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work"), out = tmp.resolve("out");
        String[] common = {"--work", work.toString(), "--out", out.toString(), "--eval", "2"};
        TrainMini.run(java.util.List.of(concat(new String[] {"upsampler", "--steps", "2"}, common)), System.out);
        assertEquals(2, Checkpoint.verify(out.resolve("diffusion/upsampler")).steps());
        // the upsampler trains on the shared loop now: work checkpoints, resume, loss curve
        TrainMini.run(
                java.util.List.of(concat(new String[] {"upsampler", "--steps", "3", "--resume"}, common)), System.out);
        ModelManifest up = Checkpoint.verify(out.resolve("diffusion/upsampler"));
        assertEquals(3, up.steps(), "steps continue across the resume");
        assertEquals(1.0, up.metrics().get("steps_this_run"));
        assertTrue(up.metrics().containsKey("heldOutL1"));
        assertEquals(
                3,
                Files.readAllLines(work.resolve("loss-upsampler.csv")).size(),
                "loss log keeps the first run's points");
        TrainMini.run(java.util.List.of(concat(new String[] {"diffusion", "--steps", "2"}, common)), System.out);
        ModelManifest unet = Checkpoint.verify(out.resolve("diffusion/unet"));
        assertEquals(2, unet.steps());
        assertEquals(2.0, unet.metrics().get("heldout_captions"));
        assertTrue(unet.metrics().containsKey("heldout_hair_unconditional"));
        assertEquals(
                lemon.mini.schedulers.SchedulerConfig.portrait(),
                lemon.mini.schedulers.SchedulerConfig.readFrom(out.resolve("diffusion")),
                "the generator carries the scheduler it was trained with");
        assertTrue(Files.exists(out.resolve("diffusion/scheduler/scheduler_config.json")));
        try (var gen = lemon.mini.pipelines.PortraitPipeline.load(out.resolve("diffusion"))) {
            assertEquals(
                    64,
                    gen.generate(
                                    "an old man with a white beard",
                                    1,
                                    1,
                                    new lemon.mini.pipelines.PortraitPipeline.Sampling(2, 3f, 0.7f))
                            .get(0)
                            .getWidth());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
