package lemon.analysis;

import static lemon.analysis.RoleAliasesTest.cast;
import static lemon.analysis.RoleAliasesTest.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.Gender;
import lemon.story.Scene;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

/** Names under titles written with a point ("Dr. Lin"), a couple sharing a surname, and the child they bring. */
class TitledNamesTest {
    /** A night clinic of my own: each finding below was wrong on it. */
    private static final String CLINIC = "Dr. Amara Lin ran the only clinic in the valley. She was a tall woman of"
            + " fifty. Her nurse, a cheerful young man named Tomasz, kept the kettle going. One winter night Mr. and"
            + " Mrs. Grant brought their son Oliver through the snow. The boy had a fever. Mrs. Grant carried him in a"
            + " red blanket, while Mr. Grant held the lantern. \"He has been coughing since noon,\" said Mrs. Grant."
            + " Dr. Lin listened to the boy's chest. \"But he must stay the night,\" she said. Tomasz brought tea for"
            + " Mr. Grant. Mr. Grant was a big, quiet farmer. He thanked the nurse. Mrs. Grant hugged Dr. Lin, and"
            + " Mr. Grant shook the nurse's hand.";

    @Test
    void aTitlesPointIsNoPunctuation() {
        List<String> words = WordTokenizer.tokenize("Mr. Grant met Dr. Lin.").stream()
                .map(WordToken::text)
                .toList();
        assertEquals(List.of("Mr", "Grant", "met", "Dr", "Lin", "."), words);
        // a title said as a word keeps the point after it
        assertEquals(
                List.of("Thank", "you", ",", "sir", ".", "Good", "night"),
                WordTokenizer.tokenize("Thank you, sir. Good night").stream()
                        .map(WordToken::text)
                        .toList());
    }

    @Test
    void aCoachIsATitleBeforeANameAndACarriageElsewhere() {
        // a relay story of my own: its coach, named only as "Coach Abena Mensah" and "Coach Mensah", was no one, and
        // her "she" went to a runner
        List<StoryCharacter> cast = cast("Coach Abena Mensah had trained the team for six seasons. Dev sat on the"
                + " bench. Coach Mensah crouched in front of him, and she wore a green tracksuit. \"Breathe,\" she said."
                + " Dev ran. Coach Mensah smiled.");
        StoryCharacter coach = cast.stream()
                .filter(c -> c.name().equals("Coach Mensah"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(cast.toString()));
        assertEquals(lemon.story.Gender.FEMALE, coach.gender(), coach.toString());
        // the godmother's coach is a carriage
        assertTrue(cast("The godmother made a coach of the pumpkin. Ella rode in the coach. The coach was gold."
                        + " Ella laughed. The godmother smiled.")
                .stream()
                .noneMatch(c -> c.name().toLowerCase().contains("coach")));
    }

    @Test
    void aGivenNameAfterATitleTellsTheSexAndAParrotCalledItIsNoHer() {
        // a hotel story of my own: "Professor Edith Hale" was of no sex, and the parrot got her room
        String story = "Professor Edith Hale arrived at the hotel with a grey parrot in a brass cage. The parrot was"
                + " called Admiral, and it could recite a poem. The manager, a nervous man named Felix Ortega, gave"
                + " her the best room. Professor Hale thanked Felix Ortega. Admiral sang. Felix Ortega laughed at"
                + " Admiral.";
        List<StoryCharacter> cast = cast(story);
        StoryCharacter hale = cast.stream()
                .filter(c -> c.name().contains("Hale"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(cast.toString()));
        assertEquals(lemon.story.Gender.FEMALE, hale.gender(), hale.toString());
        String admiral = cast.stream()
                .filter(c -> c.name().equals("Admiral"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(cast.toString()))
                .id();
        // with no given name to tell her sex, the "her" is still not the parrot's, which the story calls "it"
        String untold = story.replace("Professor Edith Hale", "Professor Hale");
        List<StoryCharacter> cast2 = cast(untold);
        MentionIndex index = MentionIndex.build(untold, cast2);
        assertTrue(
                !index.charactersIn(2, true).contains(admiral),
                index.mentions(2).toString());
    }

    @Test
    void aLoneNameInCapitalsIsAName() {
        // "The ship's computer was called ORLA": no ORLA was found
        List<StoryCharacter> cast = cast("The ship's computer was called ORLA. ORLA spoke in a calm voice. \"The clamp"
                + " is jammed,\" ORLA said. Vasquez swore. \"Clamp released,\" said ORLA.");
        assertTrue(cast.stream().anyMatch(c -> c.name().equals("Orla")), cast.toString());
        // and she is the computer, painted as one ("a tanned man in his late forties" she was)
        StoryCharacter orla =
                cast.stream().filter(c -> c.name().equals("Orla")).findFirst().orElseThrow();
        assertEquals("computer", lemon.analysis.StoryCues.animal(orla), orla.toString());
        assertEquals(
                "a computer",
                new lemon.describe.OfflineDescriber().describe("t", "", orla, cast, List.of(), List.of()));
        // a computer the story only uses is no one; a robot that acts is someone
        assertTrue(cast("Vasquez turned on the computer. The computer beeped. Vasquez read the screen. The computer"
                        + " beeped again.")
                .stream()
                .noneMatch(c -> c.name().contains("computer")));
        assertTrue(
                cast("The robot rolled in. The robot said hello. Vasquez laughed. The robot watered the plants.")
                        .stream()
                        .anyMatch(c -> "robot".equals(lemon.analysis.StoryCues.animal(c))));
        // a heading or a shout in capitals, a roman numeral and a two-letter word stay as written
        List<String> words =
                WordTokenizer.tokenize("HANSEL AND GRETTEL met King Henry VIII, who said OK and waved.").stream()
                        .map(WordToken::text)
                        .toList();
        assertEquals(
                List.of(
                        "HANSEL", "AND", "GRETTEL", "met", "King", "Henry", "VIII", ",", "who", "said", "OK", "and",
                        "waved", "."),
                words);
    }

    @Test
    void aSurnameUnderAMansTitleAndAWomansIsTwoPeople() {
        List<StoryCharacter> cast = cast(CLINIC);
        // both were one "Grant" of no known sex, whose "He thanked the nurse" went to the nurse
        assertEquals(Gender.MALE, named(cast, "Mr Grant").gender(), cast.toString());
        assertEquals(Gender.FEMALE, named(cast, "Mrs Grant").gender(), cast.toString());
        List<Scene> scenes = new OfflineAnalyst().analyze(CLINIC, 30).scenes();
        assertTrue(
                scenes.stream()
                        .anyMatch(s -> s.prompt().contains("Mr Grant and Mrs Grant brought their son Oliver")
                                && s.characterIds().containsAll(List.of("mr-grant", "mrs-grant"))),
                scenes.toString());
        assertTrue(scenes.stream().anyMatch(s -> s.prompt().startsWith("Mr Grant thanked")), scenes.toString());
        // one title only: one person, called by it
        List<StoryCharacter> one = cast("Mrs. Grant baked bread. Mrs. Grant sold it. Grant counted the coins.");
        assertEquals("Mrs Grant", named(one, "Grant").name(), one.toString());
    }

    @Test
    void theFullNameUnderTheSurnamesTitleIsHersAndTheTitleIsWrittenOnce() {
        List<StoryCharacter> cast = cast(CLINIC);
        StoryCharacter lin = named(cast, "Dr Lin");
        assertTrue(lin.aliases().contains("Amara Lin"), lin.toString());
        List<Scene> scenes = new OfflineAnalyst().analyze(CLINIC, 30).scenes();
        // was "Dr Amara Dr Lin ran the only clinic", then "Dr Dr Lin"
        assertTrue(
                scenes.stream().anyMatch(s -> s.prompt().startsWith("Dr Lin ran the only clinic")), scenes.toString());
        // she was "every inch the Dr, …, every inch the Dr"
        assertTrue(
                StoryCues.of(CLINIC, lin, cast).stream()
                        .anyMatch(q -> q.kind().equals("station") && q.value().equals("doctor")),
                StoryCues.of(CLINIC, lin, cast).toString());
        // was "Dr Lin nurse a cheerful young man named Tomasz"
        assertTrue(scenes.stream().anyMatch(s -> s.prompt().startsWith("Dr Lin's nurse")), scenes.toString());
    }

    @Test
    void theStorysOneNamedSonIsTheBoyItBringsInNoOtherBoy() {
        StoryCharacter oliver = named(cast(CLINIC), "Oliver");
        assertTrue(oliver.aliases().contains("boy"), oliver.toString());
        List<Scene> scenes = new OfflineAnalyst().analyze(CLINIC, 30).scenes();
        // "'But he must stay the night,' she said": the boy's, not his father's
        assertTrue(scenes.stream().anyMatch(s -> s.prompt().equals("Dr Lin speaks with Oliver")), scenes.toString());
        // a story that brings in a boy of its own keeps him apart
        List<StoryCharacter> other = cast("The Grants brought their son Oliver. Oliver coughed. A boy came in with"
                + " wood. The boy smiled. Oliver slept.");
        assertTrue(named(other, "Oliver").aliases().stream().noneMatch("boy"::equals), other.toString());
    }

    @Test
    void aCoupleUnderTheirTitlesAndTheGivenNameOfOneAreThreeNames() {
        // a detective story of my own: "Mr and Mrs Harlow … His wife, Delia … Delia Harlow" made Delia one person with
        // Mr Harlow, a woman of no known sex in his spectacles, and Mr Harlow no one
        List<StoryCharacter> cast = cast("A call brought the inspector to the house of Mr and Mrs Harlow. Mr Harlow"
                + " was a thin, nervous man with round spectacles. His wife, Delia, had long black hair. Delia said"
                + " nothing. Mr Harlow wept. The ticket bore a name: Delia Harlow.");
        StoryCharacter husband = named(cast, "Mr Harlow"), delia = named(cast, "Delia");
        assertTrue(husband != delia, cast.toString());
        assertEquals(Gender.MALE, husband.gender(), cast.toString());
        assertEquals(Gender.FEMALE, delia.gender(), cast.toString());
        // under one title only, the full name is still the titled one's
        List<StoryCharacter> one = cast(
                "Tom Harlow mended nets. Mr Harlow was a thin man. Tom laughed. Mr Harlow" + " frowned. Tom slept.");
        assertEquals(1, one.size(), one.toString());
    }

    /**
     * A detective story of my own, long enough (fifteen sentences) that a name said once is no one by the count
     * alone; {@code %s} is the sentence that names the eldest.
     */
    private static final String QUAY_STREET = "Inspector Ruth Calloway had been with the city police for twenty years."
            + " She was a stout woman with short grey hair. One Monday a call brought her to Quay Street. The violin"
            + " had gone from its case. The inspector asked who else had been in the house. The cook had gone home"
            + " at eight. The three Bellamy brothers from next door had come round to play cards. The brothers were"
            + " loud young men. They had left after midnight. Calloway walked round to the Bellamy house. %s He said"
            + " that his brothers were still asleep. The street was quiet. A cart went by. The inspector sighed."
            + " Otto showed Calloway the violin. It was raining.";

    @Test
    void aRankBeforeAFullNameIsHerTitleAndTheRoleIsHers() {
        // "Inspector Ruth Calloway … Calloway walked round … The inspector sighed" were "Calloway", of no known sex,
        // and "the inspector" with her looks; the given name was lost
        List<StoryCharacter> cast = cast(String.format(QUAY_STREET, "Nobody answered the door."));
        StoryCharacter ruth = named(cast, "Calloway");
        assertTrue(
                ruth.aliases().contains("inspector") && ruth.aliases().contains("Inspector Ruth Calloway"),
                ruth.toString());
        assertEquals(Gender.FEMALE, ruth.gender(), ruth.toString());
        // two inspectors: "the inspector" is neither's
        List<StoryCharacter> two = cast("Inspector Ruth Calloway came at noon. Inspector Bell came at one. Calloway"
                + " sat down. Bell stood. The inspector asked for tea. The inspector drank it. The inspector left.");
        assertTrue(
                two.stream()
                        .noneMatch(c ->
                                c.aliases().contains("inspector") && !c.name().equals("inspector")),
                two.toString());
    }

    @Test
    void aNameInAppositionToTheEldestIsSomeone() {
        // "The eldest, Victor, opened the door in a green dressing gown" was no one: a name said once
        List<StoryCharacter> cast = cast(String.format(QUAY_STREET, "The eldest, Victor, opened the door."));
        assertEquals("eldest", named(cast, "Victor").role(), cast.toString());
        // of the brothers' sex, named three sentences before
        assertEquals(Gender.MALE, named(cast, "Victor").gender(), cast.toString());
        // a name said once elsewhere stays no one
        List<StoryCharacter> other = cast(String.format(QUAY_STREET, "A dog, Victor, barked at the door."));
        assertTrue(other.stream().noneMatch(c -> c.name().equals("Victor")), other.toString());
    }

    /** A school story of my own, fifteen sentences and more; {@code %s} is the one that names the headmistress. */
    private static final String SCHOOL = "Miss Pell found a fox asleep under the slide. She was a young teacher with"
            + " curly red hair. The children crowded at the window. Amy pressed her nose against the glass. Ben"
            + " carried a notebook. Miss Pell sent Amy to fetch the caretaker. The caretaker was a tall man. He"
            + " crouched beside the fox. It opened one eye. It went back to sleep. %s She was a strict woman. Ben"
            + " saw her smile. Amy wrote a poem. Ben drew the fox. The fox slipped away. Miss Pell laughed.";

    @Test
    void aTitledNameSetOffAfterAPersonNounIsSomeone() {
        // "At lunchtime the headmistress, Mrs Dunmore, came out in her long black coat" was no one, and "She was a
        // strict woman" the fox's
        List<StoryCharacter> cast = cast(
                String.format(SCHOOL, "At lunchtime the headmistress, Mrs Dunmore, came out in her long black coat."));
        StoryCharacter head = named(cast, "Mrs Dunmore");
        assertEquals(Gender.FEMALE, head.gender(), head.toString());
        assertTrue(
                StoryCues.of(String.format(SCHOOL, "At lunchtime the headmistress, Mrs Dunmore, came out."), head, cast)
                        .stream()
                        .anyMatch(q -> q.value().equals("headmistress")),
                cast.toString());
        // after a place, the name said once is still no one
        List<StoryCharacter> other = cast(String.format(SCHOOL, "At lunchtime by the gate, Mrs Dunmore came out."));
        assertTrue(other.stream().noneMatch(c -> c.name().equals("Mrs Dunmore")), other.toString());
    }

    /** A ship of my own, fifteen sentences and more; {@code %s} opens it. */
    private static final String SHIP = "%s She was a tall woman of fifty with white hair. Her crew was small. The"
            + " pilot, Tomas Varga, was a nervous young man. And then there was HUGO, the maintenance robot, a squat"
            + " yellow machine. \"Options,\" said the captain. \"We could wait,\" said Tomas. HUGO rolled forward. Its"
            + " eye blinked. The captain knelt down. The robot led them to the hold. Tomas swore. The captain smiled."
            + " HUGO beeped. Tomas laughed. The engines started.";

    @Test
    void aTitleBeforeAFullNameBringsSomeoneInAndARobotIsNoMan() {
        // "Captain Adaeze Obi finally admitted …" was only "the captain"; HUGO, the maintenance robot, was a man
        // (the given-name list's Hugo) beside a second character "the robot"
        List<StoryCharacter> cast =
                cast(String.format(SHIP, "Captain Adaeze Obi admitted that the engines were dead."));
        StoryCharacter captain = named(cast, "Captain Adaeze Obi");
        assertTrue(captain.aliases().contains("captain"), captain.toString());
        StoryCharacter hugo = named(cast, "Hugo");
        assertEquals("robot", hugo.role(), cast.toString());
        assertEquals(Gender.UNKNOWN, hugo.gender(), hugo.toString());
        // said only in a quote, the full name brings no one in
        List<StoryCharacter> quoted =
                cast(String.format(SHIP, "The plaque said: \"Captain Adaeze Obi, first of the line.\""));
        assertTrue(quoted.stream().noneMatch(c -> c.name().contains("Obi")), quoted.toString());
        // a word saying which kind stands between the article and the role; another article does not
        List<StoryCharacter> friend = cast("The robot swept the deck. Ada, the friend of the robot, slept. Ada laughed."
                + " The robot beeped. Ada sang. The robot stopped. Tomas swore. Tomas laughed. The robot started. Ada"
                + " woke. Tomas slept. The robot swept. Ada ate. Tomas ate. The robot waited. Ada left.");
        assertTrue(
                friend.stream()
                        .noneMatch(c -> c.name().equals("Ada") && c.aliases().contains("robot")),
                friend.toString());
    }
}
