package lemon.engine.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import lemon.cd.CdDatabase;
import lemon.engine.text.MiniLmEncoder;
import lemon.model.CdPair;
import org.junit.jupiter.api.Test;

class MatcherTrainerTest {
    @Test
    void rankingLossFallsInAFewSteps() {
        CdDatabase db = CdDatabase.bundled();
        List<CdPair> subset = db.pairs().subList(0, 40); // ~9 scripts, a few seconds to encode
        var data = MatcherData.encodeForTraining(subset, db.pairs(), MiniLmEncoder.get(), 1, 3);
        var cfg = new MatcherTrainer.Config(64, 32, 0.3f, 3e-3f, 16, 120, 5, 0.0f, 1, 0f);
        var result = MatcherTrainer.train(data, cfg, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(120, result.losses().size());
        double first = result.meanLoss(true, 20), last = result.meanLoss(false, 20);
        assertTrue(last < 0.7 * first, "loss " + first + " → " + last);
        assertEquals(384, result.head().inputDim());
        assertEquals(32, result.head().outputDim());
    }

    @Test
    void heldOutSplitIsByScriptAndStable() {
        CdDatabase db = CdDatabase.bundled();
        var held = MatcherData.heldOutScripts(db);
        long scripts = db.pairs().stream().map(CdPair::script).distinct().count();
        assertEquals(scripts / MatcherData.HOLD_OUT_EVERY, held.size());
        assertEquals(held, MatcherData.heldOutScripts(db));
    }
}
