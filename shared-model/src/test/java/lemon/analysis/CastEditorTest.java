package lemon.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lemon.story.CastCorrections;
import lemon.story.Gender;
import lemon.story.StoryAnalysis;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class CastEditorTest {
    static final String STORY = "Cinderella swept the hearth. Her sisters called her Cinderwench."
            + " Cinderwench said nothing, and Cinderella wept. The mother-in-law scolded Cinderella."
            + " The mother-in-law locked the door. Cinderwench found the key. The coachman waited."
            + " The coachman drove Cinderella to the ball. The coachman slept.";

    static StoryAnalysis analysis() {
        return new OfflineAnalyst().analyze(STORY, 8);
    }

    static StoryAnalysis corrected(String json) {
        return CastEditor.apply(STORY, analysis(), CastCorrections.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    static StoryCharacter named(StoryAnalysis a, String name) {
        return RoleAliasesTest.named(a.characters(), name);
    }

    @Test
    void mergeKeepsTheFirstAndMovesItsScenesAndEdges() {
        StoryAnalysis before = analysis();
        assertTrue(before.characters().stream().anyMatch(c -> c.name().equals("Cinderwench")), before.toString());
        StoryAnalysis a = corrected("{\"merge\": [[\"Cinderella\", \"Cinderwench\"]]}");
        StoryCharacter cinderella = named(a, "Cinderella");
        assertEquals(cinderella, named(a, "Cinderwench"));
        assertEquals("merged by the cast file", cinderella.evidence().get("alias Cinderwench"));
        assertTrue(
                a.scenes().stream().noneMatch(s -> s.characterIds().contains("cinderwench")),
                a.scenes().toString());
        assertTrue(
                a.graph().nodes().stream().noneMatch(n -> n.equals("cinderwench")),
                a.graph().toString());
        assertTrue(cinderella.mentions()
                > before.characters().stream()
                        .filter(c -> c.name().equals("Cinderella"))
                        .findFirst()
                        .orElseThrow()
                        .mentions());
        assertTrue(
                a.warnings().contains("cast file: merged Cinderella + Cinderwench"),
                a.warnings().toString());
    }

    @Test
    void addRenameDropAndGenderAreAppliedAndCounted() {
        StoryAnalysis a = corrected("""
                {"add": [{"name": "the stepmother", "aliases": ["mother-in-law"], "gender": "female"}],
                 "rename": {"Cinderwench": "the cinder girl"},
                 "drop": ["coachman"],
                 "gender": {"Cinderella": "female"}}""");
        StoryCharacter stepmother = named(a, "the stepmother");
        assertEquals(Gender.FEMALE, stepmother.gender());
        assertEquals(2, stepmother.mentions(), "found in the text under its alias");
        // the analyst finds "mother-in-law" itself: the added stepmother takes her place rather than doubling her
        assertTrue(
                a.characters().stream().noneMatch(c -> c.name().equals("mother-in-law")),
                a.characters().toString());
        assertTrue(
                a.warnings().stream().anyMatch(w -> w.contains("added the stepmother (in place of mother-in-law)")),
                a.warnings().toString());
        StoryCharacter renamed = named(a, "the cinder girl");
        assertEquals("cinderwench", renamed.id(), "a rename keeps the id every later file keys on");
        assertTrue(renamed.aliases().contains("Cinderwench"));
        assertTrue(a.characters().stream().noneMatch(c -> c.name().equals("coachman")));
        assertTrue(a.scenes().stream().noneMatch(s -> s.characterIds().contains("coachman")));
        assertTrue(
                a.scenes().stream().anyMatch(s -> s.characterIds().contains(stepmother.id())),
                a.scenes().toString());
        assertEquals(Gender.FEMALE, named(a, "Cinderella").gender());
    }

    @Test
    void splitReplacesOneCharacterByItsParts() {
        StoryAnalysis a = corrected("""
                {"split": {"coachman": [{"name": "the old coachman", "aliases": ["coachman"]},
                                        {"name": "the footman", "gender": "male"}]}}""");
        assertFalse(a.characters().stream().anyMatch(c -> c.id().equals("coachman")));
        assertEquals(3, named(a, "the old coachman").mentions());
        assertEquals(Gender.MALE, named(a, "the footman").gender());
    }

    @Test
    void aReferenceToNoCharacterIsRefusedWithTheCastListed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> corrected("{\"drop\": [\"the prince\"]}"));
        assertTrue(
                e.getMessage().startsWith("the cast file names 'the prince', but the cast has no such character"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Cinderella (cinderella)"), e.getMessage());
    }

    @Test
    void aMalformedFileIsRefusedWithWhatIsWrong() {
        for (String bad : List.of(
                "{\"murge\": []}",
                "{\"gender\": {\"Cinderella\": \"girlish\"}}",
                "{\"merge\": [[\"Cinderella\"]]}",
                "[1, 2]",
                "{\"add\": [{\"aliases\": [\"x\"]}]}")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> CastCorrections.parse(bad.getBytes(StandardCharsets.UTF_8)),
                    bad);
            assertTrue(e.getMessage().startsWith("the cast file is not valid: "), e.getMessage());
        }
    }

    @Test
    void noCorrectionsLeaveTheAnalysisAsItWas() {
        StoryAnalysis a = analysis();
        assertEquals(a, CastEditor.apply(STORY, a, CastCorrections.NONE));
        assertEquals(a, CastEditor.apply(STORY, a, CastCorrections.parse("{}".getBytes(StandardCharsets.UTF_8))));
    }
}
