package lemon.analysis.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class CastScoreTest {
    static final String GOLD = """
            {"story": "test", "source": "tales/test.txt",
             "characters": [
               {"name": "Ali Baba", "aliases": ["the woodcutter"], "gender": "male"},
               {"name": "Cassim", "aliases": ["his brother", "the rich brother"], "gender": "male"},
               {"name": "Morgiana", "aliases": ["the slave"], "gender": "female"},
               {"name": "the forty thieves", "aliases": ["the robbers", "the band"], "gender": "male", "members": 40},
               {"name": "the captain", "aliases": ["the chief"], "gender": "male", "memberOf": "the forty thieves"},
               {"name": "the tree", "gender": "unknown"}
             ],
             "minor": [{"name": "the judge", "gender": "male"}],
             "ambiguous": ["the old man"]}
            """;

    static StoryCharacter found(String name, Gender g, String... aliases) {
        return new StoryCharacter(GoldCast.key(name).replace(' ', '-'), name, List.of(aliases), g, "", 3);
    }

    @Test
    void keysIgnoreCaseArticlesPossessivesAndPunctuation() {
        assertEquals("two sisters", GoldCast.key("Her Two Sisters"));
        assertEquals("king's daughter", GoldCast.key("the King’s daughter"));
        assertEquals("step sister", GoldCast.key("the step-sister,"));
        assertEquals("baba mustapha", GoldCast.key("Baba Mustapha"));
    }

    @Test
    void groupsAreTheCharactersWithAMembersField() throws Exception {
        GoldCast gold = GoldCast.parse(GOLD.getBytes(StandardCharsets.UTF_8));
        assertTrue(gold.characters().get(3).group());
        assertFalse(gold.characters().get(4).group());
        assertEquals("the forty thieves", gold.characters().get(4).memberOf());
        assertTrue(
                GoldCast.parse("""
                        {"story": "s", "characters": [{"name": "the dwarfs", "members": null}]}""".getBytes(StandardCharsets.UTF_8))
                        .characters()
                        .get(0)
                        .group(),
                "a group whose count the text does not give");
    }

    @Test
    void recallPrecisionSplitsMergesMinorAndGender() throws Exception {
        GoldCast gold = GoldCast.parse(GOLD.getBytes(StandardCharsets.UTF_8));
        CastScore s = CastScore.of(
                gold,
                List.of(
                        found("Ali Baba", Gender.MALE, "Baba"),
                        found("Woodcutter", Gender.MALE), // a second Ali Baba: split
                        found("Cassim", Gender.FEMALE, "the captain"), // Cassim + captain: merge
                        found("Morgiana", Gender.FEMALE, "the old man"), // an ambiguous alias decides nothing
                        found("Robbers", Gender.UNKNOWN), // the group, gender not found
                        found("Judge", Gender.MALE), // minor: neither right nor wrong
                        found("Tomorrow", Gender.UNKNOWN))); // not a character
        assertEquals(6, s.gold());
        assertEquals(List.of("Cassim", "the captain", "the tree"), s.missed());
        assertEquals(3, s.recalled());
        assertEquals(0.5, s.recall());
        assertEquals(1, s.minorFound());
        assertEquals(3.0 / 6, s.precision(), "3 right of the 6 that are not minor figures");
        assertEquals(List.of("Ali Baba ← Ali Baba, Woodcutter"), s.splits());
        assertEquals(List.of("Cassim = Cassim + the captain"), s.merges());
        assertEquals(2, s.aliasErrors());
        assertEquals(List.of("Tomorrow"), s.spurious());
        assertEquals(3, s.genderKnown());
        assertEquals(2, s.genderRight());
        assertEquals(List.of("the forty thieves male, found unknown"), s.genderWrong());
    }

    @Test
    void aGroupCountsWhenFoundAsAGroupWithTheGoldCountAndAMemberWhenLinkedToIt() throws Exception {
        GoldCast gold = GoldCast.parse(GOLD.getBytes(StandardCharsets.UTF_8));
        StoryCharacter band = new StoryCharacter("robbers", "robbers", List.of(), Gender.MALE, "", 5, 40, null);
        StoryCharacter captain = found("the captain", Gender.MALE).memberOf("robbers");
        CastScore right = CastScore.of(gold, List.of(band, captain));
        assertEquals(1, right.groupsKnown());
        assertEquals(1, right.groupsRight());
        assertEquals(1, right.membersKnown());
        assertEquals(1, right.membersRight());
        assertEquals(List.of(), right.groupWrong());

        StoryCharacter wrongCount = new StoryCharacter("robbers", "robbers", List.of(), Gender.MALE, "", 5, 6, null);
        CastScore wrong = CastScore.of(gold, List.of(wrongCount, found("the captain", Gender.MALE)));
        assertEquals(0, wrong.groupsRight());
        assertEquals(0, wrong.membersRight());
        assertEquals(
                List.of(
                        "the forty thieves (40), found a group of 6",
                        "the captain member of the forty thieves, found no group"),
                wrong.groupWrong());
        // a person where the gold has a group is no group
        assertEquals(
                0,
                CastScore.of(gold, List.of(found("the robbers", Gender.MALE))).groupsRight());
    }
}
