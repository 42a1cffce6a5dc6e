package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.ValidatorConfig;
import lemon.mini.render.DatasetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTrainingTest {
    static {
        TestEnv.init();
    }

    /** Small enough for a test: 32 px, three stages. */
    static final ValidatorConfig SMALL = new ValidatorConfig(32, 3, List.of(8, 16, 32), ValidatorData.SLOTS);

    @Test
    void dataCoversZeroToThreePeopleWithLeftToRightGenders() {
        int[] counts = new int[4];
        for (int i = 0; i < 200; i++) {
            ValidatorData.Item it = ValidatorData.item(5, i, 32);
            counts[it.people()]++;
            for (int s = 0; s < ValidatorData.SLOTS; s++) {
                assertEquals(s >= it.people(), it.genders()[s] == ValidatorData.NONE, "slot " + s + " of item " + i);
            }
        }
        for (int c = 0; c < 4; c++)
            assertTrue(counts[c] >= 8, "people=" + c + " appears: " + java.util.Arrays.toString(counts));
        // training never draws a validation-split index
        for (long k = 0; k < 5000; k++) assertFalse(DatasetGenerator.isValidation(ValidatorTrainer.trainIndex(k)));
    }

    @Test
    void backgroundOnlyImagesHoldNoFigure() {
        // Two different people on the same background and seed: if the crop held any part of the
        // figure, the two crops would differ somewhere.
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 12; i++) {
            lemon.mini.render.Attributes a = lemon.mini.render.Attributes.random(r);
            lemon.mini.render.Attributes b =
                    lemon.mini.render.Attributes.random(r).withStyle(a.style()).withBackground(a.background());
            long seed = r.nextLong();
            var x = ValidatorData.background(a, seed, 64);
            var y = ValidatorData.background(b, seed, 64);
            assertEquals(64, x.getWidth());
            assertArrayEquals(
                    x.getRGB(0, 0, 64, 64, null, 0, 64),
                    y.getRGB(0, 0, 64, 64, null, 0, 64),
                    "crop " + i + " (" + a.background() + ")");
        }
    }

    @Test
    void lossFallsOnRenderedSamples() throws Exception {
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 11, 16, 3e-3f, 1)) {
            double first = 0, last = 0;
            int n = 40, k = 6, firstN = 0, lastN = 0;
            for (int s = 0; s < n; s++) {
                double l = t.trainStep(null, t.baseRate());
                // PyTorch on CPU now and then gives non-finite gradients; the guard skips that batch
                if (!Double.isFinite(l)) continue;
                if (s < k) {
                    first += l;
                    firstN++;
                }
                if (s >= n - k) {
                    last += l;
                    lastN++;
                }
            }
            assertEquals(n, t.step());
            assertTrue(t.nonFiniteSteps() <= 2, "rare skips only: " + t.nonFiniteSteps());
            first /= firstN;
            last /= lastN;
            assertTrue(last < first * 0.8, "validator loss falls: " + first + " → " + last);
        }
    }

    @Test
    void resumeContinuesTheStepCount(@TempDir Path work) throws Exception {
        Path ckpt = work.resolve("validator");
        float[] saved;
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 12, 8, 1e-3f, 1)) {
            for (int s = 0; s < 3; s++) t.trainStep(ckpt, t.baseRate());
            ModelManifest m = t.checkpoint(ckpt, Map.of("loss", 1.0));
            assertEquals(3, m.steps());
            saved = t.model().params().get("count_head.weight").toFloatArray();
        }
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 12, 8, 1e-3f, 99)) {
            assertTrue(t.resume(ckpt));
            assertEquals(3, t.step());
            assertArrayEquals(saved, t.model().params().get("count_head.weight").toFloatArray());
            t.trainStep(ckpt, t.baseRate());
            assertEquals(4, t.step());
            assertEquals(4, t.checkpoint(ckpt, Map.of()).steps());
        }
        try (ValidatorTrainer other = new ValidatorTrainer(SMALL, 13, 8, 1e-3f, 1)) {
            assertThrows(java.io.IOException.class, () -> other.resume(ckpt), "a different data seed is refused");
        }
    }

    @Test
    void nanWeightsAreNeverSavedAndTrainingRecovers(@TempDir Path work) throws Exception {
        Path ckpt = work.resolve("validator");
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 14, 8, 1e-3f, 1)) {
            t.trainStep(ckpt, t.baseRate());
            t.checkpoint(ckpt, Map.of());
            float[] good = t.model().params().get("count_head.weight").toFloatArray();
            var p = t.model().params();
            float[] nan = new float[good.length];
            java.util.Arrays.fill(nan, Float.NaN);
            p.put(
                    "count_head.weight",
                    p.manager().create(nan, p.get("count_head.weight").getShape()));

            assertNull(t.checkpoint(ckpt, Map.of()), "non-finite weights are not saved");
            assertArrayEquals(good, p.get("count_head.weight").toFloatArray(), "reloaded from the last checkpoint");
            assertEquals(1, t.nonFiniteSteps());
            assertEquals(1, ModelManifest.read(ckpt).steps());

            p.put(
                    "count_head.weight",
                    p.manager().create(nan, p.get("count_head.weight").getShape()));
            long before = t.step();
            assertTrue(Double.isNaN(t.trainStep(ckpt, t.baseRate())), "a NaN loss is reported, not applied");
            assertEquals(2, t.nonFiniteSteps());
            assertEquals(before + 1, t.step());
            assertArrayEquals(good, p.get("count_head.weight").toFloatArray());
            assertTrue(Double.isFinite(t.trainStep(ckpt, t.baseRate())), "training goes on");
        }
    }

    @Test
    void aResumedRunIsTheUninterruptedRunExactly(@TempDir Path work) throws Exception {
        Map<String, float[]> straight = new java.util.TreeMap<>();
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 11, 8, 3e-3f, 1)) {
            while (t.step() < 4) t.trainStep(null, dropping(t, 4));
            t.model().params().all().forEach((k, v) -> straight.put(k, v.toFloatArray()));
        }
        Path ckpt = work.resolve("validator");
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 11, 8, 3e-3f, 1)) {
            while (t.step() < 2) t.trainStep(ckpt, dropping(t, 4));
            assertNotNull(t.checkpoint(ckpt, Map.of()));
        }
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 11, 8, 3e-3f, 99)) { // other init: the checkpoint decides
            assertTrue(t.resume(ckpt));
            while (t.step() < 4) t.trainStep(ckpt, dropping(t, 4));
            assertEquals(0, t.nonFiniteSteps(), "a skipped batch would make the runs differ for another reason");
            for (var e : straight.entrySet()) {
                assertArrayEquals(
                        e.getValue(),
                        t.model().params().get(e.getKey()).toFloatArray(),
                        e.getKey() + ": weights, Adam moments and data all continue where the first run stopped");
            }
        }
    }

    /** The rate of the next step in a run of {@code target} steps with the validator's drop (at step 2 of 4: the resume point). */
    private static float dropping(ValidatorTrainer t, long target) {
        return LearningRate.DROP_LAST_30_PERCENT.at(t.baseRate(), t.step(), target);
    }
}
