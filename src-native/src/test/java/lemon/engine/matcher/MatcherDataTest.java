package lemon.engine.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lemon.cd.CdDatabase;
import lemon.story.CdPair;
import org.junit.jupiter.api.Test;

class MatcherDataTest {
    @Test
    void heldOutSplitIsByScriptAndStable() {
        CdDatabase db = CdDatabase.bundled();
        var held = MatcherData.heldOutScripts(db);
        long scripts = db.pairs().stream().map(CdPair::script).distinct().count();
        assertEquals(scripts / MatcherData.HOLD_OUT_EVERY, held.size());
        assertEquals(held, MatcherData.heldOutScripts(db));
    }
}
