package lemon.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import lemon.describe.CueCheck.Verdict;
import org.junit.jupiter.api.Test;

class CueCheckTest {
    static Verdict check(String kind, String value, String description) {
        return CueCheck.check(kind, value, description);
    }

    @Test
    void aColourOfTheThingBeforeDoesNotColourTheNext() {
        // Ashputtel's "golden slipper" was "contradicted" by the silver of the dress listed before her slippers
        String d = "a young woman, wearing a gold and silver dress, slippers of spangled silk";
        assertNotEquals(Verdict.CONTRADICTED, check("clothing", "golden slipper", d));
        assertEquals(
                Verdict.CONTRADICTED, check("clothing", "golden slipper", "a young woman, wearing silver slippers"));
    }

    @Test
    void keptWhenMostContentWordsAreThere() {
        assertEquals(Verdict.KEPT, check("beard", "a long white beard", "an old man with a long white beard"));
        assertEquals(Verdict.KEPT, check("hair", "braided tresses", "a girl with her hair braided into tresses"));
        assertEquals(Verdict.MISSING, check("object", "a silver dagger", "a woman in a red cloak"));
        // a part of a hyphened word and a plural count: the waiting-maid was also "every inch the maid"
        assertEquals(Verdict.KEPT, check("station", "maid", "a woman, every inch the waiting-maid"));
        assertEquals(Verdict.KEPT, check("object", "lamps", "a man carrying a lamp"));
        assertEquals(Verdict.MISSING, check("station", "maid", "a woman, every inch the mermaid"));
    }

    @Test
    void contradictedWhenGenderAgeOrColourSaysOtherwise() {
        assertEquals(Verdict.CONTRADICTED, check("gender", "a tall man", "a tall woman in a green dress"));
        assertEquals(Verdict.CONTRADICTED, check("age", "old", "a young woman in her late teens"));
        assertEquals(Verdict.CONTRADICTED, check("beard", "a grey beard", "a man with a thick brown beard"));
        // "fifteen years old" is young: kept by "late teens", not contradicted by it
        assertEquals(Verdict.KEPT, check("age", "fifteen years old", "a young woman in her late teens"));
        // an age word of what they wear is the thing's age, not theirs
        assertEquals(
                Verdict.MISSING,
                check("age", "young girl", "a dirty woman with black hair, wearing nasty old clothes"));
        assertEquals(Verdict.CONTRADICTED, check("age", "young girl", "an old woman, wearing nasty old clothes"));
        // another colour elsewhere is no contradiction when the cue's colour is there too
        assertEquals(Verdict.KEPT, check("hair", "golden hair", "golden hair and a dark brown hair ribbon, red cloak"));
    }

    @Test
    void aGenderOrAgeCueIsKeptByTheSameGenderOrAgeInOtherWords() {
        assertEquals(Verdict.KEPT, check("gender", "his daughter", "a young woman with dark hair"));
        assertEquals(Verdict.KEPT, check("gender", "two brothers", "a brown-skinned man in his forties"));
        assertEquals(Verdict.KEPT, check("age", "an ancient dame", "an old woman with a hooked nose"));
        // saying nothing of it is not keeping it, and a cue of no side is judged by its words
        assertEquals(Verdict.MISSING, check("gender", "his daughter", "a figure in a grey cloak"));
        assertEquals(Verdict.MISSING, check("age", "turned of twenty", "a young woman with dark hair"));
        assertEquals(Verdict.CONTRADICTED, check("gender", "his daughter", "a tall man with a beard"));
    }
}
