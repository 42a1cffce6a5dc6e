package lemon.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class FamilyHeadTest {
    private static List<StoryCharacter> cast(String story) {
        return new OfflineAnalyst().analyze(story, 5).characters();
    }

    @Test
    void theStationThatOpensATaleWithAFamilyIsTheParents() {
        // Hansel and Grettel's father was never the woodcutter, so he was painted without his axe
        String story = "Once upon a time there lived a poor fisherman with his wife and two sons. The father went to"
                + " sea every day. One night the father said to his wife: 'We have no bread.' The wife wept. The"
                + " father went out again. The father came home late.";
        StoryCharacter father = RoleAliasesTest.named(cast(story), "father");
        assertTrue(father.aliases().contains("fisherman"), father.toString());
        assertTrue(
                father.evidence().get("alias fisherman").startsWith("Once upon a time"),
                father.evidence().toString());
        // the family may be told in the next sentence, when it opens with her
        String widow = "A poor widow once lived in a cottage by a wood. She had two daughters. The mother loved them."
                + " The mother sang to them. The daughters helped the mother.";
        assertTrue(RoleAliasesTest.named(cast(widow), "mother").aliases().contains("widow"));
    }

    @Test
    void noFamilyOrAStationOfItsOwnChangesNothing() {
        // a fisherman who passes by with no family is not the father
        String passing = "Once upon a time a poor fisherman passed by. The father went to sea with his son. The father"
                + " said to his son: 'Row.' The son rowed. The father slept.";
        assertFalse(RoleAliasesTest.named(cast(passing), "father").aliases().contains("fisherman"));
        // the miller the story keeps naming is someone of his own
        String miller = "There was once a miller with his wife and his daughter. The miller ground corn. The miller"
                + " sang. The father of the girl was the miller. The miller laughed. The miller slept.";
        List<StoryCharacter> cast = cast(miller);
        assertTrue(cast.stream().noneMatch(c -> c.aliases().contains("miller")), cast.toString());
        // a father and a husband the story keeps apart: no telling which the tailor is
        String text = "There lived a poor tailor with his wife and a son. The father sewed. The husband ate.";
        List<StoryCharacter> two = List.of(
                new StoryCharacter("father", "father", List.of(), lemon.story.Gender.MALE, "father", 1),
                new StoryCharacter("husband", "husband", List.of(), lemon.story.Gender.MALE, "husband", 1));
        assertEquals(two, FamilyHead.alias(MentionIndex.build(text, two), two));
        List<StoryCharacter> one = List.of(two.get(0));
        assertEquals(
                List.of("tailor"),
                FamilyHead.alias(MentionIndex.build(text, one), one).get(0).aliases());
    }
}
