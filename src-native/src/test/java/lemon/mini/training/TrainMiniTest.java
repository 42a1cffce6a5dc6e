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
        TrainMini.main(concat(new String[] {"validator", "--steps", "3"}, common));
        assertEquals(3, ModelManifest.read(work.resolve("validator")).steps());
        TrainMini.main(concat(new String[] {"validator", "--steps", "5", "--resume"}, common));
        ModelManifest shipped = Checkpoint.verify(out.resolve("validator"));
        assertEquals(5, shipped.steps(), "steps continue across the resume");
        assertEquals(31, shipped.dataSeed());
        assertEquals(2.0, shipped.metrics().get("steps_this_run"));
        assertEquals(20.0, shipped.metrics().get("heldout_images"));
        assertTrue(shipped.metrics().containsKey("heldout_gender_accuracy"));
        assertTrue(Files.size(work.resolve("loss-curves.png")) > 1000);
        assertEquals(5, Files.readAllLines(work.resolve("loss-validator.csv")).size(), "loss log keeps the first run's points");
        assertThrows(IllegalArgumentException.class, () -> TrainMini.parse(new String[] {"unet"}));
    }

    @Test
    void upsamplerThenDiffusionWriteAGeneratorThatLoadsAndCarriesItsEvaluation(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work"), out = tmp.resolve("out");
        String[] common = {"--work", work.toString(), "--out", out.toString(), "--eval", "4"};
        TrainMini.main(concat(new String[] {"upsampler", "--steps", "2"}, common));
        assertEquals(2, Checkpoint.verify(out.resolve("diffusion/upsampler")).steps());
        TrainMini.main(concat(new String[] {"diffusion", "--steps", "2"}, common));
        ModelManifest unet = Checkpoint.verify(out.resolve("diffusion/unet"));
        assertEquals(2, unet.steps());
        assertEquals(4.0, unet.metrics().get("heldout_captions"));
        assertTrue(unet.metrics().containsKey("heldout_hair_unconditional"));
        try (var gen = lemon.mini.pipelines.PortraitPipeline.load(out.resolve("diffusion"))) {
            assertEquals(64, gen.generate("an old man with a white beard", 1, 1, new lemon.mini.pipelines.PortraitPipeline.Sampling(2, 3f, 0.7f)).get(0).getWidth());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
