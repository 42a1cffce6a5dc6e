package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import lemon.mini.pipelines.PortraitPipeline;
import org.junit.jupiter.api.Test;

class EvalDiffusionTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void committedGeneratorFollowsHeldOutCaptionsBetterThanUnconditionalSamples() throws IOException {
        AttributeProbe probe = AttributeProbe.forEvaluation(); // the one train-mini's test uses too
        try (PortraitPipeline gen = PortraitPipeline.loadDefault()) {
            EvalDiffusion.Result r = EvalDiffusion.evaluate(gen, probe, 24, 24, 77);
            int clothing = AttributeProbe.Head.CLOTHING.ordinal(), gender = AttributeProbe.Head.GENDER.ordinal();
            System.out.printf(
                    "24 held-out captions: gender %.0f%% (unconditional %.0f%%), clothing colour %.0f%% (unconditional %.0f%%); "
                            + "probe on real renders %.0f%% / %.0f%%%n",
                    100 * r.conditional()[gender],
                    100 * r.unconditional()[gender],
                    100 * r.conditional()[clothing],
                    100 * r.unconditional()[clothing],
                    100 * r.realRenders()[gender],
                    100 * r.realRenders()[clothing]);
            assertTrue(r.realRenders()[clothing] >= 0.9, "the probe reads real renders");
            // Loose bounds (24 captions are few); eval-mini measures the real numbers on 200.
            assertTrue(
                    r.conditional()[clothing] >= r.unconditional()[clothing] + 0.5,
                    "the caption's clothing colour shows");
            assertTrue(r.conditional()[gender] >= r.unconditional()[gender] + 0.2, "the caption's gender shows");

            double[] ct =
                    EvalDiffusion.clipT(lemon.mini.loaders.MiniWeights.clipDir(), r.generated(), r.captionsUsed());
            assertTrue(
                    ct[0] > ct[1] + 0.05, "CLIP-T of generated images above shuffled pairs: " + ct[0] + " vs " + ct[1]);
        }
    }
}
