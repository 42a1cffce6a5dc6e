package lemon.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.StoryCue;
import org.junit.jupiter.api.Test;

class CueRepairTest {
    static final List<StoryCue> HENRIK = List.of(
            new StoryCue("gender", "man", "Henrik was a tall man with a grey beard."),
            new StoryCue("beard", "a grey beard", "Henrik was a tall man with a grey beard."));

    @Test
    void findsTheCuesADescriptionContradicts() {
        assertEquals(
                List.of("man"),
                CueRepair.contradicted("a tall woman in her twenties, wearing a crown of white flowers", HENRIK)
                        .stream()
                        .map(StoryCue::value)
                        .toList());
        assertTrue(
                CueRepair.contradicted("a tall man with a grey beard", HENRIK).isEmpty());
    }

    @Test
    void dropsTheContradictingClausesAndAddsWhatIsMissing() {
        String repaired =
                CueRepair.repair("a tall man in his forties, with a black beard, wearing a blue coat", HENRIK);
        assertEquals("a tall man in his forties, wearing a blue coat, with a grey beard", repaired);
        assertTrue(CueRepair.contradicted(repaired, HENRIK).isEmpty());
    }

    @Test
    void theOppositeSexIsPutRightWordByWord() {
        assertEquals(
                "a tall man in his twenties, his hair cropped short, with a grey beard",
                CueRepair.repair("a tall woman in her twenties, her hair cropped short", HENRIK));
    }

    @Test
    void aDescriptionThatKeepsTheCuesIsLeftAlone() {
        String d = "a tall man in his sixties with a grey beard, wearing a fisherman's smock";
        assertEquals(d, CueRepair.repair(d, HENRIK));
    }

    @Test
    void aCueThatSaysHowIsWrittenAsItIs() {
        String s = "Teodor was tired, well dressed and covered in soot.";
        assertEquals("covered in soot", CueRepair.clause(new StoryCue("skin", "covered in soot", s)));
        assertEquals("well dressed", CueRepair.clause(new StoryCue("clothing", "well dressed", s)));
        assertEquals("with a grey beard", CueRepair.clause(new StoryCue("beard", "a grey beard", s)));
        // "his face was pale" was "with pale face"
        assertEquals("with a pale face", CueRepair.clause(new StoryCue("skin", "pale face", s)));
        assertEquals("with rosy cheeks", CueRepair.clause(new StoryCue("skin", "rosy cheeks", s)));
        // a horse is ridden, not carried
        assertEquals("riding a grey horse", CueRepair.clause(new StoryCue("object", "a grey horse", s)));
        assertEquals("carrying a horseshoe", CueRepair.clause(new StoryCue("object", "a horseshoe", s)));
        assertEquals("wearing a red cap", CueRepair.clause(new StoryCue("headwear", "a red cap", s)));
    }
}
