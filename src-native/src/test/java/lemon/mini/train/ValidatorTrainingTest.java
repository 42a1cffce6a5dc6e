package lemon.mini.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lemon.mini.model.ModelManifest;
import lemon.mini.model.ValidatorConfig;
import lemon.mini.render.DatasetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTrainingTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
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
        for (int c = 0; c < 4; c++) assertTrue(counts[c] >= 8, "people=" + c + " appears: " + java.util.Arrays.toString(counts));
        // training never draws a validation-split index
        for (long k = 0; k < 5000; k++) assertFalse(DatasetGenerator.isValidation(ValidatorTrainer.trainIndex(k)));
    }

    @Test
    void backgroundOnlyImagesAreBackground() {
        // the background crop must hold no figure: compare with a plain render's left edge colour spread
        ValidatorData.Item it = null;
        for (int i = 0; it == null; i++) if (ValidatorData.item(9, i, 64).people() == 0) it = ValidatorData.item(9, i, 64);
        assertEquals(64, it.image().getWidth());
        assertEquals(64, it.image().getHeight());
    }

    @Test
    void lossFallsOnRenderedSamples() throws Exception {
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 11, 16, 3e-3f, 1)) {
            double first = 0, last = 0;
            int n = 40, k = 6;
            for (int s = 0; s < n; s++) {
                double l = t.trainStep(null);
                assertTrue(Double.isFinite(l), "finite loss at step " + s);
                if (s < k) first += l / k;
                if (s >= n - k) last += l / k;
            }
            assertEquals(n, t.step());
            assertTrue(last < first * 0.8, "validator loss falls: " + first + " → " + last);
        }
    }

    @Test
    void resumeContinuesTheStepCount(@TempDir Path work) throws Exception {
        Path ckpt = work.resolve("validator");
        float[] saved;
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 12, 8, 1e-3f, 1)) {
            for (int s = 0; s < 3; s++) t.trainStep(ckpt);
            ModelManifest m = t.checkpoint(ckpt, Map.of("loss", 1.0));
            assertEquals(3, m.steps());
            saved = t.model().params().get("count_head.weight").toFloatArray();
        }
        try (ValidatorTrainer t = new ValidatorTrainer(SMALL, 12, 8, 1e-3f, 99)) {
            assertTrue(t.resume(ckpt));
            assertEquals(3, t.step());
            assertArrayEquals(saved, t.model().params().get("count_head.weight").toFloatArray());
            t.trainStep(ckpt);
            assertEquals(4, t.step());
            assertEquals(4, t.checkpoint(ckpt, Map.of()).steps());
        }
        try (ValidatorTrainer other = new ValidatorTrainer(SMALL, 13, 8, 1e-3f, 1)) {
            assertThrows(java.io.IOException.class, () -> other.resume(ckpt), "a different data seed is refused");
        }
    }
}
