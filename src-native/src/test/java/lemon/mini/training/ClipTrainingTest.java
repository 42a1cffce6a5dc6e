package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.TextEncoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTrainingTest {
    static {
        TestEnv.init();
    }

    static final ClipConfig SMALL =
            new ClipConfig(16, List.of(8, 16), new TextEncoderConfig(256, 32, 1, 2, 64, 64), 32);

    @Test
    void contrastiveLossFallsAndAResumedRunRefusesAnotherTokenizer(@TempDir Path work) throws Exception {
        CaptionTokenizer tok = ClipTrainer.tokenizer(5, 256);
        Path ckpt = work.resolve("clip");
        try (ClipTrainer t = new ClipTrainer(SMALL, tok, 5, 16, 3e-3f, 1)) {
            double first = 0, last = 0;
            int n = 40, k = 6, firstN = 0, lastN = 0;
            for (int s = 0; s < n; s++) {
                double l = t.trainStep(ckpt, t.baseRate());
                if (!Double.isFinite(l)) continue; // a skipped batch (NaN guard)
                if (s < k) {
                    first += l;
                    firstN++;
                }
                if (s >= n - k) {
                    last += l;
                    lastN++;
                }
            }
            assertTrue(t.nonFiniteSteps() <= 2, "rare skips only: " + t.nonFiniteSteps());
            assertTrue(last / lastN < 0.9 * first / firstN, "InfoNCE falls: " + first / firstN + " → " + last / lastN);
            assertNotNull(t.checkpoint(ckpt, Map.of()));
        }
        try (ClipTrainer t = new ClipTrainer(SMALL, tok, 5, 16, 3e-3f, 1)) {
            assertTrue(t.resume(ckpt));
            assertEquals(40, t.step());
        }
        CaptionTokenizer other =
                CaptionTokenizer.fromCaptions(List.of("a completely different vocabulary of words"), 256);
        try (ClipTrainer t = new ClipTrainer(SMALL, other, 5, 16, 3e-3f, 1)) {
            var e = assertThrows(java.io.IOException.class, () -> t.resume(ckpt));
            assertTrue(e.getMessage().contains("tokenizer differs"), e.getMessage());
        }
    }
}
