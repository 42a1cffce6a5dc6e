package lemon.engine.matcher.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lemon.cd.CdDatabase;
import lemon.engine.matcher.MatcherData;
import lemon.engine.matcher.MatcherData.EncodedCharacter;
import lemon.engine.text.MiniLmEncoder;
import lemon.mini.loaders.ModelManifest;
import lemon.retrieval.MlpHead;
import lemon.story.CdPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatcherTrainerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void rankingLossFallsInAFewSteps(@TempDir Path work) throws Exception {
        CdDatabase db = CdDatabase.bundled();
        List<CdPair> subset = db.pairs().subList(0, 40); // ~9 scripts, a few seconds to encode
        var data = MatcherData.encodeForTraining(subset, db.pairs(), MiniLmEncoder.get(), 1, 3);
        var cfg = new MatcherTrainer.Config(64, 32, 0.3f, 3e-3f, 16, 120, 5, 0.0f, 1, 0f);
        var log = new ByteArrayOutputStream();
        var result = MatcherTrainer.train(data, cfg, work, false, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(120, result.losses().size());
        double first = result.meanLoss(true, 20), last = result.meanLoss(false, 20);
        assertTrue(last < 0.7 * first, "loss " + first + " → " + last);
        assertEquals(384, result.head().inputDim());
        assertEquals(32, result.head().outputDim());
        // the shared loop's progress bar, loss log and work checkpoint
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("matcher "), log.toString(StandardCharsets.UTF_8));
        assertEquals(
                result.losses().stream().filter(Double::isFinite).count(),
                Files.readAllLines(work.resolve("loss-matcher.csv")).size());
        assertEquals(120, ModelManifest.read(work.resolve("matcher")).steps());
    }

    @Test
    void aResumedRunIsTheUninterruptedRunExactly(@TempDir Path work) throws Exception {
        List<EncodedCharacter> data = syntheticCharacters();
        // two positive windows and the regulariser on, so every part of the loss is exercised
        var cfg = new MatcherTrainer.Config(32, 16, 0.3f, 3e-3f, 8, 12, 9, 0.0f, 2, 1f);
        MatcherTrainer.Result straight = MatcherTrainer.train(data, cfg, work.resolve("a"), false, QUIET);
        MatcherTrainer.train(data, cfg.withSteps(6), work.resolve("b"), false, QUIET);
        assertEquals(6, ModelManifest.read(work.resolve("b/matcher")).steps());
        MatcherTrainer.Result resumed = MatcherTrainer.train(data, cfg, work.resolve("b"), true, QUIET);

        assertEquals(6, resumed.losses().size(), "the resumed run trains only the steps left");
        assertTrue(straight.losses().stream().allMatch(Double::isFinite), "a skipped batch would change the run");
        assertEquals(straight.losses().subList(6, 12), resumed.losses(), "same data, weights and Adam state");
        assertHeadsEqual(straight.head(), resumed.head());

        var otherSeed = new MatcherTrainer.Config(32, 16, 0.3f, 3e-3f, 8, 12, 10, 0.0f, 2, 1f);
        assertThrows(
                java.io.IOException.class,
                () -> MatcherTrainer.train(data, otherSeed, work.resolve("b"), true, QUIET),
                "a checkpoint of another data seed is refused");
    }

    private static void assertHeadsEqual(MlpHead a, MlpHead b) {
        float[] x = new float[a.inputDim()];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i + 1);
        assertArrayEquals(a.apply(x), b.apply(x));
        assertEquals(a.checksum(), b.checksum(), "every weight equal");
    }

    /** Twelve characters in four scripts, three noisy windows each around a per-character direction. */
    private static List<EncodedCharacter> syntheticCharacters() {
        Random rnd = new Random(1);
        List<EncodedCharacter> out = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            float[] centre = unit(rnd, null, 0);
            float[][] windows = new float[3][];
            for (int w = 0; w < windows.length; w++) windows[w] = unit(rnd, centre, 0.5f);
            out.add(new EncodedCharacter("c" + c, "script-" + c % 4, windows));
        }
        return out;
    }

    private static float[] unit(Random rnd, float[] around, float noise) {
        float[] v = new float[24];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (around == null ? 0 : around[i]) + (float) rnd.nextGaussian() * (around == null ? 1 : noise);
            n += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(n);
        return v;
    }
}
