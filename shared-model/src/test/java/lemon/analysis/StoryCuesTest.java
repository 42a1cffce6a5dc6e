package lemon.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;
import org.junit.jupiter.api.Test;

class StoryCuesTest {
    private static List<String> cues(String story, String name) {
        List<StoryCharacter> cast = new OfflineAnalyst().analyze(story, 5).characters();
        StoryCharacter c = RoleAliasesTest.named(cast, name);
        return StoryCues.of(story, c, cast).stream()
                .map(q -> q.kind() + ": " + q.value())
                .toList();
    }

    @Test
    void aCopulaWithAWithPhraseGivesBuildGenderAndBeard() {
        List<String> cues = cues(
                "Henrik was a tall man with a grey beard. Henrik lived by the sea. Henrik mended nets every morning.",
                "Henrik");
        // the work he does says his station: "mended nets" is a fisherman's
        assertEquals(List.of("build: tall", "gender: man", "beard: a grey beard", "station: mended nets"), cues);
    }

    @Test
    void anIntroductionGivesAgeStationAndGenderAndAnAppositionGivesStation() {
        String story = "In the house there was a young slave girl named Morgiana. Morgiana told Abdallah, her"
                + " fellow-slave, to light the fire. Abdallah laughed. Morgiana sang. Abdallah ate.";
        assertEquals(List.of("gender: girl", "station: slave", "age: young"), cues(story, "Morgiana"));
        assertTrue(
                cues(story, "Abdallah").contains("station: fellow-slave"),
                cues(story, "Abdallah").toString());
    }

    @Test
    void theNextClausesSubjectAfterACommaIsNoApposition() {
        // the bundled example gave the king's daughter "every inch the king" from this sentence
        String story = "The king promised his daughter to the tailor. Still unwilling to give up his daughter, the"
                + " king sent the tailor after a unicorn. The king's daughter married the tailor. The king's daughter"
                + " wept. The king laughed.";
        assertTrue(
                cues(story, "king's daughter").stream().noneMatch(q -> q.equals("station: king")),
                cues(story, "king's daughter").toString());
        // an apposition that goes on describing still counts
        String captain = "Their captain, a tall man with a hard face, stopped before the rock. The captain cried out."
                + " The captain laughed. The captain slept.";
        assertTrue(
                cues(captain, "captain").contains("build: tall"),
                cues(captain, "captain").toString());
    }

    @Test
    void whatTheSubjectWearsOrCarriesIsItsOwn() {
        String story = "Morgiana put on a head-dress like a dancer's. Then she drew her dagger. Morgiana said nothing."
                + " Ali watched Morgiana. Ali said she danced well.";
        List<String> cues = cues(story, "Morgiana");
        assertTrue(cues.contains("headwear: a head-dress"), cues.toString());
        assertTrue(cues.contains("object: a dagger"), cues.toString());
        assertTrue(cues(story, "Ali").isEmpty(), cues(story, "Ali").toString());
    }

    @Test
    void aPronounAfterSomeoneElsesNameIsNotTakenAsTheirs() {
        // "her clothes" follows the godmother's name: the clothes may be Cinderella's; her own hair stays hers
        String story = "Cinderella sat by the fire. Her godmother touched her clothes with a wand."
                + " Cinderella wept. Cinderella went to the ball, and Cinderella danced with her golden hair loose.";
        List<String> cinderella = cues(story, "Cinderella");
        assertTrue(cinderella.contains("hair: golden hair"), cinderella.toString());
        assertTrue(cinderella.stream().noneMatch(c -> c.startsWith("clothing")), cinderella.toString());
    }

    @Test
    void anObjectInTheSubjectsHandOrAWithPhraseIsItsOwn() {
        String story = "Ilse came to the gate, with a black cap on her head. Ilse, seizing her dagger, ran."
                + " Then she struck the door with her wand. Ilse laughed. Ilse sang.";
        List<String> ilse = cues(story, "Ilse");
        assertTrue(ilse.contains("headwear: a black cap"), ilse.toString());
        assertTrue(ilse.contains("object: a dagger"), ilse.toString());
        assertTrue(ilse.contains("object: a wand"), ilse.toString());
    }

    @Test
    void anObjectIsNotTheirsWhenSomeoneElseLeadsTheSentenceOrGivesIt() {
        // the mother gives the knife; the godmother, who opens the sentence, taps with her own wand
        String story = "Anna sat by the fire. The mother gave her a knife. Anna wept. Anna went out."
                + " The godmother ordered Anna to lift the trapdoor, giving each mouse a tap with her wand."
                + " The godmother laughed. The godmother sang. The mother slept.";
        List<String> anna = cues(story, "Anna");
        assertTrue(anna.stream().noneMatch(c -> c.startsWith("object")), anna.toString());
    }

    @Test
    void anAnimalsColourIsTheHairItIsPaintedWithAndABareSkinSaysNothing() {
        String story = "A black bear knocked at the door. The bear lay by the fire. The girls laughed with the bear."
                + " Then his skin fell off. The bear was a prince.";
        List<String> bear = cues(story, "bear");
        assertTrue(bear.contains("hair: black hair"), bear.toString());
        assertTrue(bear.stream().noneMatch(c -> c.startsWith("skin")), bear.toString());
        // a person's colour word is not hair: "the black knight" keeps no hair cue
        List<String> knight =
                cues("The black knight rode by. The knight bowed. The knight rode on. The knight slept.", "knight");
        assertTrue(knight.stream().noneMatch(c -> c.startsWith("hair")), knight.toString());
    }

    @Test
    void aPlainPossessionOrAListIsNoCue() {
        String story = "Tomas, Anna and Piet went to the market. Tomas sold his house. Anna bought bread."
                + " Tomas said goodbye. Anna and Piet laughed. Piet ate.";
        assertTrue(cues(story, "Tomas").isEmpty(), cues(story, "Tomas").toString());
    }

    @Test
    void theStationComesFromTheRole() {
        List<StoryCue> cues = StoryCues.of(
                "The woodcutter went into the forest. The woodcutter cut wood. The woodcutter came home.",
                new StoryCharacter("woodcutter", "woodcutter", List.of(), lemon.story.Gender.MALE, "woodcutter", 3),
                List.of());
        assertEquals("station", cues.get(0).kind());
        assertEquals("woodcutter", cues.get(0).value());
        assertEquals("The woodcutter went into the forest.", cues.get(0).sentence());
    }
}
