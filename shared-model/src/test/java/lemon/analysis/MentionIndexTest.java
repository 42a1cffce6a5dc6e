package lemon.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class MentionIndexTest {
    /** Who the first "his" of the last sentence is. */
    private static String hisIn(String text, List<StoryCharacter> cast) {
        MentionIndex index = MentionIndex.build(text, cast);
        int last = index.sentences().size() - 1;
        List<WordToken> ts = index.tokens().get(last);
        return index.mentions(last).stream()
                .filter(m -> !m.explicit() && ts.get(m.start()).lower().equals("his"))
                .findFirst()
                .orElseThrow()
                .characterId();
    }

    @Test
    void aStrangerOfThePronounsSexIsNotAnAnimalOfNoSex() {
        // "a veiled woman stopped at his stall. She bought the smallest bowl" was the donkey's buying
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("yusuf", "Yusuf", List.of(), Gender.MALE, "potter", 3),
                new StoryCharacter("zahra", "Zahra", List.of(), Gender.UNKNOWN, "donkey", 3));
        MentionIndex index = MentionIndex.build(
                "Yusuf loaded Zahra. One day a veiled woman stopped at his stall. She bought a bowl. \"Keep it,\" she"
                        + " whispered. Zahra brayed. She ate the hay.",
                cast);
        for (int s = 2; s <= 3; s++)
            assertEquals(
                    List.of(),
                    index.mentions(s).stream()
                            .map(MentionIndex.Mention::characterId)
                            .toList());
        // once the stranger is out of the telling, a she of no known sex is the donkey again
        assertEquals(
                List.of("zahra"),
                index.mentions(5).stream()
                        .map(MentionIndex.Mention::characterId)
                        .toList());
    }

    @Test
    void aStrangerOfThePronounsSexTakesItsPronounsForAFewSentences() {
        // a detective story of my own: "an old man in a grey coat was feeding the pigeons. He told the inspector that
        // he
        // had seen a young woman with a long case under her arm … 'She had a red scarf'" gave his "He" to the eldest
        // brother named before and her red scarf to the inspector
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("calloway", "Calloway", List.of("inspector"), Gender.FEMALE, "inspector", 5),
                new StoryCharacter("sid", "Sid", List.of(), Gender.MALE, "", 3));
        MentionIndex index = MentionIndex.build(
                "Sid came down the stairs and said nothing. At the end of the street an old man in a grey coat was"
                        + " feeding the pigeons. He told the inspector that he had seen a young woman with a long case"
                        + " under her arm. \"She went into the pawnshop,\" he said. \"She had a red scarf.\" Calloway"
                        + " thanked him. Sid laughed. He went home.",
                cast);
        assertEquals(List.of("calloway"), ids(index, 2)); // neither the old man's he nor the young woman's her
        assertEquals(List.of(), ids(index, 3));
        assertEquals(List.of(), ids(index, 4));
        assertEquals(List.of("sid"), ids(index, 7)); // a name of the sex ends the stranger's turn
        // the king named before the stranger keeps the he; so does a bear named in the stranger's sentence (a
        // beautiful man stood where the bear was), and a he told of beside "the twins, a boy and a girl"
        List<StoryCharacter> king = List.of(new StoryCharacter("king", "king", List.of(), Gender.MALE, "king", 3));
        assertEquals(
                List.of("king", "king"),
                ids(MentionIndex.build("The king saw an old man at the gate. He sent for his guards.", king), 1));
        List<StoryCharacter> bear = List.of(new StoryCharacter("bear", "bear", List.of(), Gender.MALE, "bear", 3));
        assertEquals(
                List.of("bear"),
                ids(
                        MentionIndex.build(
                                "The bear came near, his skin fell off, and a beautiful"
                                        + " man stood there. \"I am a king's son,\" he said.",
                                bear),
                        1));
        List<StoryCharacter> prince =
                List.of(new StoryCharacter("prince", "prince", List.of(), Gender.MALE, "prince", 3));
        assertEquals(
                List.of("prince"),
                ids(
                        MentionIndex.build(
                                "The prince wept. He came to the desert where she lived"
                                        + " with the twins, a boy and a girl. He heard a voice.",
                                prince),
                        2));
        // within the stranger's sentence, a he or she is as it was ("The king met an old man and he gave him gold")
        assertEquals(
                List.of("king", "king"),
                ids(MentionIndex.build("The king met an old man and he gave him gold.", king), 0)
                        .subList(0, 2));
        // "after a time the maiden sat down": no stranger
        List<StoryCharacter> girl =
                List.of(new StoryCharacter("girl", "goose-girl", List.of("girl"), Gender.FEMALE, "", 3));
        assertEquals(
                List.of("girl"),
                ids(
                        MentionIndex.build(
                                "The goose-girl came. After a time the maiden sat down and" + " loosed her hair.",
                                girl),
                        1));
    }

    private static List<String> ids(MentionIndex index, int sentence) {
        return index.mentions(sentence).stream()
                .map(MentionIndex.Mention::characterId)
                .toList();
    }

    @Test
    void aSentenceOpeningWithHeGoesOnAboutTheSubjectBefore() {
        // "Cassim left Ali Baba … He rose early": the "he" was Ali Baba, the man named last
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("chen", "Chen", List.of(), Gender.MALE, "", 2),
                new StoryCharacter("stranger", "stranger", List.of(), Gender.MALE, "stranger", 2));
        MentionIndex index = MentionIndex.build("Chen ran after the stranger. He found him on the bridge.", cast);
        assertEquals(
                List.of("chen", "stranger"),
                index.mentions(1).stream()
                        .map(MentionIndex.Mention::characterId)
                        .toList());
        // a sentence whose subject is someone's possession or is of the other sex leaves the nearest rule as it was
        List<StoryCharacter> two = List.of(
                new StoryCharacter("ella", "Ella", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("tom", "Tom", List.of(), Gender.MALE, "", 2));
        MentionIndex other = MentionIndex.build("Ella's cat bit Tom. He cried.", two);
        assertEquals(
                List.of("tom"),
                other.mentions(1).stream()
                        .map(MentionIndex.Mention::characterId)
                        .toList());
    }

    @Test
    void whatSomeoneIsToldToDoWithHerThingsIsAboutHerOwn() {
        // the goose-girl's waiting-maid "commanded her harshly to take off her royal robes": the princess's robes
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("princess", "Princess", List.of(), Gender.FEMALE, "princess", 2),
                new StoryCharacter("maid", "maid", List.of(), Gender.FEMALE, "maid", 2));
        String story = "The Princess rode on. Then the maid commanded her harshly to take off her royal robes.";
        MentionIndex index = MentionIndex.build(story, cast);
        assertEquals(
                List.of("maid", "princess", "princess"),
                index.mentions(1).stream()
                        .map(MentionIndex.Mention::characterId)
                        .toList());
        // with no object pronoun and "to" before it, the possessive is the nearest's as before
        MentionIndex own = MentionIndex.build("The Princess rode on. Then the maid took her cloak.", cast);
        assertEquals(
                List.of("maid", "maid"),
                own.mentions(1).stream().map(MentionIndex.Mention::characterId).toList());
    }

    /** The characters the sentence's he, she, him or her stand for, in text order. */
    private static List<String> pronounsIn(String text, int sentence, List<StoryCharacter> cast) {
        MentionIndex index = MentionIndex.build(text, cast);
        return index.mentions(sentence).stream()
                .filter(m -> !m.explicit())
                .map(MentionIndex.Mention::characterId)
                .toList();
    }

    @Test
    void kinListedAfterARelationAreTheSameOnesKin() {
        // Ashputtel: "when her father and mother and sisters were gone, she went again into the garden" was the mother
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("ella", "Ella", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("father", "Ella's father", List.of(), Gender.MALE, "father", 2),
                new StoryCharacter("mother", "mother", List.of(), Gender.FEMALE, "mother", 2));
        String story = "Ella sat by the fire. One day, when her father and mother were gone, she went to the tree.";
        assertEquals(List.of("ella", "ella"), pronounsIn(story, 1, cast));
        // the mother named on her own is the nearest woman as before
        String alone = "Ella sat by the fire. One day her father left, and the mother came, and she sang.";
        assertEquals(List.of("ella", "mother"), pronounsIn(alone, 1, cast));
    }

    @Test
    void whomSomeoneSpeaksOfIsNotTheSpeaker() {
        // Ashputtel's stepmother "said, 'No, no, she is much too dirty'": the prince then sent for the mother
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("ella", "Ella", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("mother", "mother", List.of(), Gender.FEMALE, "mother", 2),
                new StoryCharacter("prince", "prince", List.of(), Gender.MALE, "prince", 2));
        String before = "Ella sat in the ashes. But the mother said, 'No, she is too dirty.' The prince had her come.";
        assertEquals(List.of("ella"), pronounsIn(before, 1, cast));
        assertEquals(List.of("ella"), pronounsIn(before, 2, cast));
        String after = "Ella sat in the ashes. 'She is too dirty,' said the mother.";
        assertEquals(List.of("ella"), pronounsIn(after, 1, cast));
        // no speaker named: the nearest woman, as for any pronoun
        String unsaid = "Ella sat in the ashes. The mother came in. 'She is too dirty.'";
        assertEquals(List.of("mother"), pronounsIn(unsaid, 2, cast));
    }

    @Test
    void aShipsCaptainIsNotTheNarrators() {
        // "In the morning a ship came in safe past the rocks. Her captain … rowed ashore" was Agnes's captain
        List<StoryCharacter> cast = List.of(new StoryCharacter("agnes", "Agnes", List.of(), Gender.FEMALE, "", 2));
        assertEquals(
                List.of(),
                pronounsIn(
                        "Agnes lit the lamp. In the morning a ship came in past the rocks. Her captain rowed ashore.",
                        2,
                        cast));
        // a sentence about someone keeps "her" hers
        assertEquals(
                List.of("agnes"),
                pronounsIn(
                        "Agnes lit the lamp. In the morning Agnes saw the rocks. Her captain rowed ashore.", 2, cast));
    }

    @Test
    void whoSaysAQuoteIsNotWhomItNames() {
        // forty-thieves: "'Ali Baba,' he said, showing him the gold piece" was Ali Baba speaking to himself, not Cassim
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("cassim", "Cassim", List.of(), Gender.MALE, "", 2),
                new StoryCharacter("ali", "Ali", List.of(), Gender.MALE, "", 2));
        String tagged = "Cassim went to his brother. 'Ali, you measure gold,' he said.";
        assertEquals(List.of("cassim"), pronounsIn(tagged, 1, cast));
        // a he that says nothing may be the one the quote names, the nearest man as before
        String untagged = "Cassim went to his brother. 'Ali is rich,' he thought, and he laughed.";
        assertEquals(List.of("ali", "ali"), pronounsIn(untagged, 1, cast));
    }

    @Test
    void whatSomeoneIsSaidToBeIsNoOneAPronounStandsFor() {
        // Ashputtel's father: "I am sure she cannot be the bride." "The prince told him to send her": not the bride
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("ella", "Ella", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("bride", "bride", List.of(), Gender.FEMALE, "bride", 2),
                new StoryCharacter("father", "father", List.of(), Gender.MALE, "father", 2),
                new StoryCharacter("prince", "prince", List.of(), Gender.MALE, "prince", 2));
        String story =
                "Ella sat in the ashes. 'She is not the bride,' said the father. The prince told him to send her.";
        assertEquals(List.of("father", "ella"), pronounsIn(story, 2, cast));
        // named as a referring phrase, the bride is the nearest woman as before
        String bride = "Ella sat in the ashes. The bride sat on the horse. The prince told him to send her.";
        assertEquals(List.of("bride"), pronounsIn(bride, 2, cast).subList(1, 2));
    }

    @Test
    void anObjectPronounIsNotItsOwnClausesSubject() {
        // Cinderella's godmother "gave her a pair of glass slippers": not to herself
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("ella", "Ella", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("godmother", "godmother", List.of(), Gender.FEMALE, "godmother", 2));
        String story = "Ella wept by the fire. The godmother waved the wand. This done, she gave her a pair"
                + " of glass slippers.";
        MentionIndex index = MentionIndex.build(story, cast);
        int last = index.sentences().size() - 1;
        assertEquals(
                List.of("godmother", "ella"),
                index.mentions(last).stream()
                        .map(MentionIndex.Mention::characterId)
                        .toList());
        // a possessive "her" may be the subject's own: "she took her wand"
        MentionIndex own = MentionIndex.build("Ella wept. The godmother smiled. Then she took her wand.", cast);
        assertEquals(
                List.of("godmother", "godmother"),
                own.mentions(2).stream().map(MentionIndex.Mention::characterId).toList());
    }

    @Test
    void aHeAfterWhatSomeoneThoughtOfAnotherIsTheThinker() {
        // the giant in the cave at midnight: he who got up and took the iron bar is the one who thought
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("tailor", "tailor", List.of(), Gender.MALE, "tailor", 3),
                new StoryCharacter("giant", "giant", List.of(), Gender.MALE, "giant", 3));
        MentionIndex index = MentionIndex.build(
                "The tailor lay in the big bed. When it was midnight, and the giant thought that the little tailor"
                        + " was asleep, he got up and took an iron bar.",
                cast);
        assertEquals(
                List.of("giant", "tailor", "giant"),
                index.mentions(1).stream()
                        .map(MentionIndex.Mention::characterId)
                        .toList());
        // what someone said of another is no thought of theirs: "he" is still the nearer man
        MentionIndex said = MentionIndex.build(
                "The tailor lay in the big bed. When it was midnight, and the giant said that the little tailor"
                        + " was asleep, he got up and took an iron bar.",
                cast);
        assertEquals(
                List.of("giant", "tailor", "tailor"),
                said.mentions(1).stream().map(MentionIndex.Mention::characterId).toList());
    }

    @Test
    void someoneOfNoKnownSexNamedInTheSentenceIsNearerThanAManNamedBefore() {
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("karim", "Karim", List.of(), Gender.MALE, "", 2),
                new StoryCharacter("mira", "Mira", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("cobbler", "cobbler", List.of(), Gender.UNKNOWN, "cobbler", 2));
        String story = "Karim was dead. Next day Mira went to an old cobbler near the gate who opened his stall early.";
        assertEquals("cobbler", hisIn(story, cast));
        // named in a sentence before, the man of the same sex is still the nearer one
        assertEquals("karim", hisIn("The cobbler slept. Karim opened his stall early.", cast));
        assertEquals("karim", hisIn("Mira saw the cobbler. Then Karim was sad, and he opened his stall.", cast));
        // nor when someone of the pronoun's sex is in the sentence: "her" after an unknown Boris is still Mira's
        List<StoryCharacter> market = List.of(
                new StoryCharacter("mira", "Mira", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("boris", "Boris", List.of(), Gender.UNKNOWN, "", 2));
        MentionIndex index = MentionIndex.build("Mira opened her stall, and Boris bought bread from her.", market);
        List<WordToken> ts = index.tokens().get(0);
        assertEquals(
                List.of("mira", "mira"),
                index.mentions(0).stream()
                        .filter(m -> !m.explicit() && ts.get(m.start()).lower().equals("her"))
                        .map(MentionIndex.Mention::characterId)
                        .toList());
    }

    @Test
    void theNameASentenceGivesOwnsItsPossessive() {
        // "Her name was Vivian Sharpe" gave the baker named before her the name's "Her"
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("rosa", "Rosa", List.of(), Gender.FEMALE, "", 3),
                new StoryCharacter("vivian", "Vivian Sharpe", List.of("Vivian"), Gender.FEMALE, "", 3));
        MentionIndex index = MentionIndex.build(
                "Rosa opened the bakery. A tall woman came in. Her name was Vivian Sharpe. Her coat was black.", cast);
        assertEquals(
                "vivian",
                index.mentions(2).get(0).characterId(),
                index.mentions(2).toString());
        assertEquals(
                "vivian",
                index.mentions(3).get(0).characterId(),
                index.mentions(3).toString());
    }

    @Test
    void aHeAfterALongSpeechIsTheOneWhoSpokeIt() {
        // aladdin: "'Go down,' said the magician; 'at the foot of those steps …' … 'Pour out the oil it contains, and
        // bring it to me.' He drew a ring from his finger and gave it to Aladdin": the magician drew it
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("aladdin", "Aladdin", List.of(), Gender.MALE, "", 3),
                new StoryCharacter("magician", "magician", List.of(), Gender.MALE, "magician", 3));
        String cave = "Aladdin lifted the stone. \"Go down,\" said the magician; \"at the foot of the steps is a door."
                + " Walk on, Aladdin, until you come to a lamp. Bring it to me, Aladdin.\" He drew a ring from his"
                + " finger.";
        MentionIndex index = MentionIndex.build(cave, cast);
        int last = index.sentences().size() - 1;
        assertEquals("magician", index.mentions(last).get(0).characterId());
        // a speech closed in the sentence its speaker is named in leaves the next he to the usual reading
        String closed = "Aladdin lifted the stone. \"Go down,\" said the magician. Aladdin went down the steps. He"
                + " drew a ring from his finger.";
        MentionIndex plain = MentionIndex.build(closed, cast);
        int end = plain.sentences().size() - 1;
        assertEquals("aladdin", plain.mentions(end).get(0).characterId());
    }

    @Test
    void anUnsaidReplyIsByTheOneTheSpeechWasSaidTo() {
        // the valiant little tailor: "'…,' said he to him, '… you must catch it first.' 'I fear one unicorn still less
        // than two giants. Seven at one blow, is my kind of affair.' He took a rope and an axe": the tailor answers
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("king", "king", List.of(), Gender.MALE, "king", 3),
                new StoryCharacter("tailor", "tailor", List.of(), Gender.MALE, "tailor", 3),
                new StoryCharacter("unicorn", "unicorn", List.of(), Gender.UNKNOWN, "unicorn", 3));
        String court = "The tailor came to the king. \"One more deed,\" said the king to the tailor, \"you must do."
                + " In the forest roams a unicorn, and you must catch it.\" \"I fear one unicorn less than two"
                + " giants. Seven at one blow is my affair.\" He took a rope and an axe.";
        MentionIndex index = MentionIndex.build(court, cast);
        int last = index.sentences().size() - 1;
        assertEquals("tailor", index.mentions(last).get(0).characterId());
        // the king goes on speaking when the tailor is only spoken of
        String on = court.replace("said the king to the tailor", "said the king");
        MentionIndex monologue = MentionIndex.build(on, cast);
        int end = monologue.sentences().size() - 1;
        assertEquals(
                List.of(),
                monologue.mentions(end).stream()
                        .filter(m -> m.characterId().equals("tailor"))
                        .toList());
    }

    @Test
    void aFirstWifeIsNotTheWifeOfNow() {
        // Ashputtel's father: "there is only a little dirty Ashputtel here, the child of my first wife; I am sure she
        // cannot be the bride" — the she is the child; "wife" is the new wife the story has named so far
        List<StoryCharacter> cast = List.of(
                new StoryCharacter("ella", "Ella", List.of(), Gender.FEMALE, "", 2),
                new StoryCharacter("wife", "wife", List.of(), Gender.FEMALE, "wife", 2),
                new StoryCharacter("father", "father", List.of(), Gender.MALE, "father", 2));
        String story =
                "The father took a new wife. 'There is only Ella here, the child of my first wife; she is dirty.'";
        assertEquals(List.of("ella"), pronounsIn(story, 1, cast));
        // the wife of now is still the wife
        String now = "The father took a new wife. 'There is only Ella here, and my wife; she is proud.'";
        assertEquals(List.of("wife"), pronounsIn(now, 1, cast));
    }
}
