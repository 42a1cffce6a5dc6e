package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lemon.mini.pipelines.DescriptionWords;
import lemon.mini.pipelines.GeneratorConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retraining's mixed trainer: portraits and wide scenes in alternating batches, description-register captions. */
class SceneDiffusionTrainerTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    // every 2nd block of indices is a scene batch, so 4 steps see both shapes (8×8 and 16×8); portraits
    // mix all three caption kinds
    static final PortraitDiffusionTrainer.Settings MIXED = PortraitDiffusionTrainer.Settings.tiny()
            .withScenesAndDescriptions(2, 0.3f)
            .withDescribedPortraits(0.4f);

    @Test
    void mixedBatchesTrainAndResumeExactly(@TempDir Path work) throws Exception {
        Map<String, float[]> straight = new TreeMap<>();
        try (PortraitDiffusionTrainer t = new PortraitDiffusionTrainer(MIXED, work.resolve("a"), false)) {
            while (t.steps() < 4) assertTrue(Float.isFinite(t.step()) || t.skipped() > 0);
            t.unet().params().all().forEach((k, v) -> straight.put(k, v.toFloatArray()));
            Assumptions.assumeTrue(t.skipped() == 0, "a skipped batch changes the run for another reason");
            t.exportGenerator(work.resolve("gen"), Map.of());
        }
        assertEquals(new GeneratorConfig(16, 8, true), GeneratorConfig.readFrom(work.resolve("gen")));
        try (PortraitDiffusionTrainer t = new PortraitDiffusionTrainer(MIXED, work.resolve("b"), false)) {
            while (t.steps() < 2) t.step();
            t.save();
        }
        try (PortraitDiffusionTrainer t = new PortraitDiffusionTrainer(MIXED, work.resolve("b"), true)) {
            while (t.steps() < 4) t.step();
            Assumptions.assumeTrue(t.skipped() == 0, "a skipped batch changes the run for another reason");
            for (var e : straight.entrySet())
                assertArrayEquals(
                        e.getValue(), t.unet().params().get(e.getKey()).toFloatArray(), e.getKey());
        }
    }

    @Test
    void regionalAttentionChangesWhatSceneBatchesTeachAndTheExportSaysSo(@TempDir Path work) throws Exception {
        Map<String, float[]> plainAfterPortraits = new TreeMap<>(), plainAfterScenes = new TreeMap<>();
        try (PortraitDiffusionTrainer t = new PortraitDiffusionTrainer(MIXED, work.resolve("plain"), false)) {
            t.step(); // portraits
            t.unet().params().all().forEach((k, v) -> plainAfterPortraits.put(k, v.toFloatArray()));
            t.step(); // scenes
            Assumptions.assumeTrue(t.skipped() == 0, "a skipped batch changes the run for another reason");
            t.unet().params().all().forEach((k, v) -> plainAfterScenes.put(k, v.toFloatArray()));
        }
        try (PortraitDiffusionTrainer t =
                new PortraitDiffusionTrainer(MIXED.withRegionalAttention(), work.resolve("regional"), false)) {
            t.step();
            for (var e : plainAfterPortraits.entrySet()) // one person: nothing to keep apart
            assertArrayEquals(e.getValue(), t.unet().params().get(e.getKey()).toFloatArray(), e.getKey());
            t.step();
            Assumptions.assumeTrue(t.skipped() == 0, "a skipped batch changes the run for another reason");
            double d = 0;
            for (var e : plainAfterScenes.entrySet()) {
                float[] r = t.unet().params().get(e.getKey()).toFloatArray();
                for (int i = 0; i < r.length; i++) d = Math.max(d, Math.abs(r[i] - e.getValue()[i]));
            }
            assertTrue(d > 0, "a scene batch read through the mask trains the UNet differently");
            t.exportGenerator(work.resolve("gen"), Map.of());
        }
        assertEquals(new GeneratorConfig(16, 8, true, true), GeneratorConfig.readFrom(work.resolve("gen")));
    }

    @Test
    void portraitOnlyExportWritesNoGeneratorConfig(@TempDir Path work) throws Exception {
        try (PortraitDiffusionTrainer t =
                new PortraitDiffusionTrainer(PortraitDiffusionTrainer.Settings.tiny(), work, false)) {
            t.exportGenerator(work.resolve("gen"), Map.of());
        }
        assertEquals(GeneratorConfig.PORTRAITS_ONLY, GeneratorConfig.readFrom(work.resolve("gen")));
    }

    @Test
    void compactKeepsAttributeWordsOfALongDescriptionInTheWindow() {
        Set<String> known = Set.of("a", "man", "with", "black", "beard", "red", "hair", "wearing", "turban", ",");
        List<String> words = new java.util.ArrayList<>();
        for (String w : ("a weathered hawk-nosed man , with a thick black beard and watchful eyes , tousled red hair ,"
                        + " wearing a black turban")
                .split(" ")) words.add(w);
        for (int i = 0; i < 40; i++) words.add("scimitar" + i); // a long tail of unknown words
        words.add("red");
        assertEquals(
                "a man , with a black beard , red hair , wearing a black turban red",
                DescriptionWords.compact(words, known::contains, 24),
                "unknown words are left out, however many");
        assertEquals(
                "a man , with a black beard , red hair , wearing",
                DescriptionWords.compact(words, known::contains, 12),
                "over the window, the end is cut");
    }
}
