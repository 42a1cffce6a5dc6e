package lemon.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lemon.describe.CueCheck.Verdict;
import org.junit.jupiter.api.Test;

class CueCheckTest {
    static Verdict check(String kind, String value, String description) {
        return CueCheck.check(kind, value, description);
    }

    @Test
    void keptWhenMostContentWordsAreThere() {
        assertEquals(Verdict.KEPT, check("beard", "a long white beard", "an old man with a long white beard"));
        assertEquals(Verdict.KEPT, check("hair", "braided tresses", "a girl with her hair braided into tresses"));
        assertEquals(Verdict.MISSING, check("object", "a silver dagger", "a woman in a red cloak"));
    }

    @Test
    void contradictedWhenGenderAgeOrColourSaysOtherwise() {
        assertEquals(Verdict.CONTRADICTED, check("gender", "a tall man", "a tall woman in a green dress"));
        assertEquals(Verdict.CONTRADICTED, check("age", "old", "a young woman in her late teens"));
        assertEquals(Verdict.CONTRADICTED, check("beard", "a grey beard", "a man with a thick brown beard"));
        // "fifteen years old" is young: no contradiction with "late teens"
        assertEquals(Verdict.MISSING, check("age", "fifteen years old", "a young woman in her late teens"));
        // another colour elsewhere is no contradiction when the cue's colour is there too
        assertEquals(Verdict.KEPT, check("hair", "golden hair", "golden hair and a dark brown hair ribbon, red cloak"));
    }
}
