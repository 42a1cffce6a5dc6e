package lemon.analysis;

import static lemon.analysis.RoleAliasesTest.cast;
import static lemon.analysis.RoleAliasesTest.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

/** A spouse or parent the story names only as someone's ("her mother", "his wife"), or a step-parent named once. */
class UnnamedKinTest {
    @Test
    void aMotherNamedOnlyThroughHerDaughterIsACharacter() {
        List<StoryCharacter> cast = cast("The princess would not speak. The princess sat in her room. Then the princess"
                + " told her mother about the night. Her mother did not believe her, and the princess wept.");
        StoryCharacter mother = named(cast, "princess's mother");
        assertEquals(Gender.FEMALE, mother.gender());
        assertTrue(mother.mentions() >= 2, cast.toString());
    }

    @Test
    void theClerkOfTheKitchensWifeIsTheClerksWife() {
        List<StoryCharacter> cast = cast(
                "The clerk of the kitchen took the boy away. The clerk of the kitchen hid him."
                        + " The clerk carried the boy to his wife. His wife fed the boy, and the clerk went back to the kitchen.");
        assertEquals(Gender.FEMALE, named(cast, "clerk's wife").gender());
    }

    @Test
    void aDaughterNamedOnlyThroughHerFatherIsACharacterAndWrittenWithHerArticle() {
        // the Valiant Little Tailor's princess: "his only daughter", "his daughter", never a name of her own
        String story = "The king was afraid of the giants. The king sent for the tailor. The king promised him his"
                + " only daughter if he killed the giants. The tailor killed them, and the king gave him his daughter."
                + " The tailor laughed.";
        List<StoryCharacter> cast = cast(story);
        StoryCharacter daughter = named(cast, "king's daughter");
        assertEquals(Gender.FEMALE, daughter.gender());
        var scenes = new OfflineAnalyst().analyze(story, 5).scenes();
        assertTrue(
                scenes.stream().anyMatch(sc -> sc.prompt().contains("promised the tailor the king's daughter")),
                scenes.toString());
        // a daughter said once is someone in passing
        List<StoryCharacter> once = cast("The king was afraid of the giants. The king sent for the tailor. The king"
                + " promised him his only daughter. The tailor killed the giants. The tailor laughed.");
        assertTrue(once.stream().noneMatch(c -> c.name().endsWith("daughter")), once.toString());
    }

    @Test
    void kinNamedInOneSentenceOrAlreadySomeoneIsNoOneNew() {
        // one sentence: a mother in passing
        List<StoryCharacter> once = cast("The princess would not speak. The princess sat in her room. Then the"
                + " princess told her mother about the night. The princess wept.");
        assertTrue(once.stream().noneMatch(c -> c.name().endsWith("mother")), once.toString());
        // "her son" of Aladdin's mother is Aladdin, not a son of hers
        List<StoryCharacter> son = cast("Aladdin was idle. Aladdin's mother spun cotton. Aladdin's mother scolded"
                + " her son, and her son laughed. Aladdin's mother fed her son. Aladdin ran out.");
        assertTrue(son.stream().noneMatch(c -> c.name().contains("mother's")), son.toString());
        // a miller's child's "her mother" is the miller's wife the story has already
        List<StoryCharacter> mill = cast("There was once a miller who lived by a river with his wife and his daughter,"
                + " Liesel. The miller was a stout man, and his wife was a thin woman. Every morning the miller went"
                + " down to the wheel, and every evening his wife counted the coins. Liesel told her mother about the"
                + " captain. Her mother shook her head. Liesel sang.");
        assertTrue(mill.stream().noneMatch(c -> c.name().endsWith("'s mother")), mill.toString());
        // where the story has a queen, the king's wife is she
        List<StoryCharacter> queen = cast("The king rode out. The queen waited. The queen sang. The king came back to"
                + " his wife. His wife was glad, and the king kissed his wife. The queen laughed.");
        assertTrue(queen.stream().noneMatch(c -> c.name().contains("king's wife")), queen.toString());
    }

    @Test
    void aStepParentNamedOnceIsACharacter() {
        List<StoryCharacter> cast = cast("Once there was a gentleman who married a proud woman. After the wedding the"
                + " mother-in-law began to show herself in her true colors. Ella scrubbed the floors. Ella sat among the"
                + " cinders. Ella went to the ball, and Ella danced.");
        StoryCharacter step = named(cast, "mother-in-law");
        assertEquals(Gender.FEMALE, step.gender());
        // her station is no "mother-in-law": that is what she is to someone, not what she does
        String d = new lemon.describe.OfflineDescriber()
                .describe("t", "The mother-in-law scolded Ella.", step, cast, List.of());
        assertTrue(!d.contains("every inch the mother-in-law"), d);
        // a daughter-in-law or an old woman named once is no one yet
        List<StoryCharacter> once = cast("Ella scrubbed the floors. Ella sat among the cinders. Her daughter-in-law"
                + " laughed at Ella. The old woman nodded. Ella went to the ball, and Ella danced.");
        assertTrue(
                once.stream()
                        .noneMatch(c -> c.name().contains("law") || c.name().contains("woman")),
                once.toString());
    }
}
