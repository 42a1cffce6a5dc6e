package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.MiniClip;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.mini.render.Action;
import lemon.mini.render.Attributes;
import lemon.mini.render.Layout;
import lemon.mini.render.SceneRenderer;
import lemon.port.CompatibilityValidator.Verdict;
import lemon.story.Gender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed weights are real: checksums hold and they beat chance by far on renders they never saw. */
class CommittedWeightsTest {
    static {
        TestEnv.init();
    }

    /** A seed no training run used; validation-split indices only. */
    static final long FRESH_SEED = 4242;

    @Test
    void validatorCountsPeopleOnFreshRenders() throws Exception {
        try (MiniValidatorAdapter v = MiniValidatorAdapter.bundled()) {
            String sha = Checkpoint.verify(MiniWeights.validatorDir()).sha256().get("weights.safetensors");
            assertEquals("lemon-mini-validator:" + sha.substring(0, 12), v.name());
            ValidatorTrainer.Metrics m = ValidatorTrainer.evaluate(
                    v, FRESH_SEED, 40, v.model().config().imageSize());
            assertTrue(m.countAccuracy() >= 0.8, "people count accuracy " + m.countAccuracy());
            assertTrue(m.genderAccuracy() >= 0.7, "gender accuracy " + m.genderAccuracy());
        }
    }

    @Test
    void adapterInspectsAPngOfTwoPeople() throws Exception {
        Attributes man = person(Attributes.Gender.MALE, 1);
        Attributes woman =
                person(Attributes.Gender.FEMALE, 2).withStyle(man.style()).withBackground(man.background());
        var img = SceneRenderer.render(
                List.of(man, woman),
                Layout.SIDE_BY_SIDE,
                Action.STAND_TOGETHER,
                man.background().name(),
                5,
                64,
                64);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        try (MiniValidatorAdapter v = MiniValidatorAdapter.bundled()) {
            Verdict verdict = v.inspect(png.toByteArray());
            assertEquals(2, verdict.people(), verdict.toString());
            assertEquals(2, verdict.genders().size());
            assertTrue(verdict.confidence() > 0.5 && verdict.confidence() <= 1.0, verdict.toString());
            assertEquals(List.of(Gender.MALE, Gender.FEMALE), verdict.genders(), verdict.toString());
        }
    }

    /** The first random character of the given gender after a seed. */
    static Attributes person(Attributes.Gender g, long seed) {
        java.util.Random r = new java.util.Random(seed);
        while (true) {
            Attributes a = Attributes.random(r);
            if (a.gender() == g) return a;
        }
    }

    @Test
    void corruptedWeightsAreRefused(@TempDir Path dir) throws Exception {
        Path src = MiniWeights.validatorDir();
        for (String f : List.of("manifest.json", "weights.safetensors")) Files.copy(src.resolve(f), dir.resolve(f));
        byte[] b = Files.readAllBytes(dir.resolve("weights.safetensors"));
        b[b.length / 2] ^= 1;
        Files.write(dir.resolve("weights.safetensors"), b);
        var e = assertThrows(java.io.IOException.class, () -> MiniValidatorAdapter.load(dir));
        assertTrue(e.getMessage().contains("weights.safetensors"), e.getMessage());
    }

    @Test
    void clipFindsTheRightCaptionAmongTen() throws Exception {
        Path dir = MiniWeights.clipDir();
        ModelManifest mf = Checkpoint.verify(dir);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
                MiniClip clip = new MiniClip(
                        mf.config(ClipConfig.class), CaptionTokenizer.load(dir.resolve("tokenizer.json")), m, 0)) {
            Checkpoint.load(dir, clip);
            ClipTrainer.Metrics r = ClipTrainer.evaluate(clip, m, FRESH_SEED, 30);
            assertTrue(r.top1Of10() >= 0.3, "top-1 of 10 (chance 0.1): " + r);
            assertTrue(r.meanCosineMatching() > r.meanCosineShuffled(), r.toString());
        }
    }

    @Test
    void diffusionWeightsCarryTheSchedulerTheyWereTrainedWith() throws Exception {
        Path dir = lemon.mini.pipelines.PortraitPipeline.committedDir();
        for (String part : List.of("text", "unet", "upsampler")) Checkpoint.verify(dir.resolve(part));
        // scheduler/scheduler_config.json is plain JSON beside the checkpoints (no weights, so no manifest):
        // cosine β, T = 1000, trailing steps, x̂0 clipped to ±1, what PortraitDiffusionTrainer trains with
        assertEquals(
                lemon.mini.schedulers.SchedulerConfig.portrait(), lemon.mini.schedulers.SchedulerConfig.readFrom(dir));
        assertEquals(PortraitDiffusionTrainer.SCHEDULER, lemon.mini.schedulers.SchedulerConfig.readFrom(dir));
    }
}
