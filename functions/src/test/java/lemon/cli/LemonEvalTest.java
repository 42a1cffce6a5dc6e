package lemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.config.PipelineSettings;
import lemon.run.RunOptions;
import org.junit.jupiter.api.Test;

/** What each method of {@code lemon eval} switches off, and how methods are named on the command line. */
class LemonEvalTest {
    static final PipelineSettings DEFAULTS = new PipelineSettings("./runs", null, 1000, 10, null);

    @Test
    void baselinesTrainOnPortraitsAloneForLeMonsWholeStepBudget() {
        PipelineSettings.Loop ti = LemonEval.Variant.TI.settings(DEFAULTS, 250).loop();
        assertFalse(ti.mapper(), "Textual Inversion: one vector per token");
        assertFalse(ti.sceneMapper(), "and none to paint scenes with");
        assertEquals(0, ti.graphRounds());
        assertEquals(0.0, ti.lambda());
        assertEquals(0, ti.describedScenePairs(), "no base-model scene pairs");
        assertEquals(250, ti.personalizeSteps());
        assertEquals(0.0, ti.tokenPull(), "no pull towards the class word: LeMon's own");
        PipelineSettings.Loop neti =
                LemonEval.Variant.NETI.settings(DEFAULTS, 250).loop();
        assertTrue(neti.mapper() && neti.sceneMapper(), "NeTI keeps its mapper");
        assertEquals(0, neti.graphRounds());
        assertEquals(0.0, neti.lambda());
        assertEquals(0.0, neti.tokenPull());
        RunOptions o = new RunOptions(8, 3, 4, 2, 2, "");
        assertEquals(1, LemonEval.Variant.TI.options(o).iterations(), "no refinement");
        assertEquals(2, LemonEval.Variant.NO_GRAPH.options(o).iterations());
        // LeMon's budget at two iterations: 200 fresh + 50 continued
        assertEquals(250, LemonEval.steps(200, 2));
        assertEquals(200, LemonEval.steps(200, 1));
    }

    @Test
    void eachAblationDiffersFromLeMonInOneSwitch() {
        PipelineSettings.Loop lemon =
                LemonEval.Variant.LEMON.settings(DEFAULTS, 250).loop();
        assertEquals(PipelineSettings.Loop.DEFAULT, lemon);
        assertEquals(
                lemon.with(0, lemon.lambda(), true),
                LemonEval.Variant.NO_GRAPH.settings(DEFAULTS, 250).loop());
        assertEquals(
                lemon.with(lemon.graphRounds(), 0, true),
                LemonEval.Variant.NO_LCT.settings(DEFAULTS, 250).loop());
        PipelineSettings noIcl = LemonEval.Variant.NO_ICL.settings(DEFAULTS, 250);
        assertFalse(noIcl.guidance().examples());
        assertEquals(
                PipelineSettings.Guidance.Retrieval.TRAINED, noIcl.guidance().retrieval());
        assertEquals(lemon, noIcl.loop());
        assertEquals(
                lemon.withDescribedScenePairs(0),
                LemonEval.Variant.NO_PAIRS.settings(DEFAULTS, 250).loop());
        PipelineSettings noRank = LemonEval.Variant.NO_RANK.settings(DEFAULTS, 250);
        assertTrue(noRank.guidance().examples());
        assertEquals(
                PipelineSettings.Guidance.Retrieval.RANDOM, noRank.guidance().retrieval());
    }

    @Test
    void methodsAreNamedByKeyOrLabelAndNeedLeMonsRuns() {
        assertEquals(LemonEval.Method.TI, LemonEval.Method.parse("ti"));
        assertEquals(LemonEval.Method.NO_GRAPH, LemonEval.Method.parse("LeMon\\Graph"));
        assertEquals(LemonEval.Method.NO_LCT, LemonEval.Method.parse("NO_LCT"));
        var e = assertThrows(IllegalArgumentException.class, () -> LemonEval.Method.parse("dreambooth"));
        assertTrue(
                e.getMessage().contains("no method 'dreambooth'")
                        && e.getMessage().contains("no-iter"),
                e.getMessage());
        assertEquals(
                List.of(LemonEval.Variant.LEMON, LemonEval.Variant.TI),
                LemonEval.needed(List.of(LemonEval.Method.BASE, LemonEval.Method.TI, LemonEval.Method.NO_ITER)));
    }

    @Test
    void retrievalAndLoopSwitchesRefuseNonsense() {
        var r = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.Guidance.Retrieval.parse("best"));
        assertTrue(r.getMessage().contains("trained or random"), r.getMessage());
        assertEquals(PipelineSettings.Guidance.Retrieval.RANDOM, PipelineSettings.Guidance.Retrieval.parse(" Random "));
        var g = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.Loop.DEFAULT.with(-1, 0.03, true));
        assertTrue(g.getMessage().contains("lemon.loop.graph-rounds"), g.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.Loop.DEFAULT.with(2, -0.1, true));
        assertTrue(l.getMessage().contains("lemon.loop.lambda"), l.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.Loop.DEFAULT.withPushFloor(1.5));
        assertTrue(f.getMessage().contains("lemon.loop.push-floor"), f.getMessage());
        // the floor is set alone, the other settings kept
        var paper = PipelineSettings.Loop.DEFAULT.withPushFloor(-1);
        assertEquals(-1.0, paper.pushFloor());
        assertEquals(PipelineSettings.Loop.DEFAULT.lambda(), paper.lambda());
        var t = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.Loop.DEFAULT.withTokenPull(-0.01));
        assertTrue(t.getMessage().contains("lemon.loop.token-pull"), t.getMessage());
        // the pull is set alone, and the withers after it keep it
        var pulled = PipelineSettings.Loop.DEFAULT
                .withTokenPull(0.5)
                .withPushFloor(-1)
                .with(0, 0.0, false);
        assertEquals(0.5, pulled.tokenPull());
        assertEquals(-1.0, pulled.pushFloor());
        assertEquals(PipelineSettings.Loop.DEFAULT.anchor(), pulled.anchor());
    }
}
