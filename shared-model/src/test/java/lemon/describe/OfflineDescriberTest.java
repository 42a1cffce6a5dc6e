package lemon.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.analysis.StoryCues;
import lemon.story.CdPair;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class OfflineDescriberTest {
    /** Retrieved examples that would paint someone else entirely: a young woman with flowers, a bandit. */
    static final List<CdPair> EXAMPLES = List.of(
            new CdPair(
                    "cd-1",
                    "s",
                    "fantasy",
                    "Liese",
                    "",
                    "a brown-skinned woman in her early twenties with a slender build, bright green eyes,"
                            + " long braided red hair, wearing a crown of white flowers"),
            new CdPair(
                    "cd-2",
                    "s",
                    "adventure",
                    "Kasim",
                    "",
                    "a sunburnt man in his forties with a wiry build, a scarred, hawk-nosed face, black hair,"
                            + " wearing a leather vest and a curved scimitar"));

    /** A retrieved example of which only the description matters to the describer. */
    private static CdPair example(String id, String description) {
        return new CdPair(id, "s", "fairy tale", id, "", description);
    }

    /** The offline describer's description of one character, the story's only one. */
    private static String alone(
            String story, StoryCharacter c, List<CdPair> examples, List<lemon.story.StoryCue> cues) {
        return new OfflineDescriber().describe("t", story, c, List.of(c), examples, cues);
    }

    private static String describe(String story, String name) {
        List<StoryCharacter> cast = new OfflineAnalyst().analyze(story, 5).characters();
        StoryCharacter c = cast.stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + cast));
        String d = new OfflineDescriber().describe("t", story, c, cast, EXAMPLES);
        assertTrue(CueRepair.contradicted(d, StoryCues.of(story, c, cast)).isEmpty(), d);
        return d;
    }

    @Test
    void anAnimalIsDescribedAsTheAnimalWithNothingBorrowed() {
        String story = "Hansel and Grettel came to a lake. There swam a white duck. The duck swam toward them."
                + " Hansel got on the back of the duck. The duck carried Grettel over too. Hansel thanked the duck."
                + " Grettel sang.";
        String duck = describe(story, "duck");
        assertEquals("a white duck", duck);
        // the examples lend people's looks: none of them reaches an animal
        String bears = "A big black bear came to the door. The bear lay by the fire. The children played with the bear."
                + " The bear thanked the children. Rose laughed. Rose slept.";
        assertEquals("a big black bear", describe(bears, "bear"));
        // Hansel's duck, "the good bird", was "a white duck, every inch the bird"
        StoryCharacter bird = new StoryCharacter("duck", "duck", List.of("good bird"), Gender.UNKNOWN, "duck", 4);
        String told = alone(
                story,
                bird,
                EXAMPLES,
                List.of(
                        new lemon.story.StoryCue("hair", "white hair", "s"),
                        new lemon.story.StoryCue("station", "bird", "s")));
        assertEquals("a white duck", told);
    }

    @Test
    void anAnimalsGroupIsDescribedAsOneOfIt() {
        assertEquals(
                "turtle-dove",
                StoryCues.animal(
                        new StoryCharacter("t", "two turtle-doves", List.of(), Gender.UNKNOWN, "two turtle-doves", 3)));
        assertEquals("duck", StoryCues.animal(new StoryCharacter("d", "Quack", List.of(), Gender.UNKNOWN, "duck", 3)));
        assertEquals(null, StoryCues.animal(new StoryCharacter("k", "king", List.of(), Gender.MALE, "king", 3)));
    }

    @Test
    void aWomanBorrowsAFaceWithoutItsBeard() {
        assertEquals(
                "a dignified, careworn face",
                OfflineDescriber.withoutFacialHair("a dignified, careworn face with a long white beard"));
        assertEquals(
                "narrowed, far-seeing eyes",
                OfflineDescriber.withoutFacialHair("a white beard and narrowed, far-seeing eyes"));
        assertEquals(
                "a scarred, hawk-nosed face with cold, commanding eyes",
                OfflineDescriber.withoutFacialHair(
                        "a scarred, hawk-nosed face with a thick black beard and cold, commanding eyes"));
        assertEquals(
                "a round, jovial face, rosy cheeks",
                OfflineDescriber.withoutFacialHair("a round, jovial face, rosy cheeks and a neat grey beard"));
        assertEquals(
                "a lined face",
                OfflineDescriber.withoutFacialHair("a lined face and a drooping salt-and-pepper moustache"));
        // a face with no beard is left as it is
        assertEquals("a freckled, honest face", OfflineDescriber.withoutFacialHair("a freckled, honest face"));
    }

    @Test
    void aManBorrowsAWomansClothesAsTheNearestAManWears() {
        assertEquals(
                "a stiff grey silk tunic, a tight jerkin and a tattered black cloak",
                OfflineDescriber.adjustGender(
                        "a stiff grey silk tunic, a tight bodice and a tattered black shawl", Gender.MALE));
        assertEquals(
                "a plain linen tunic, a silk shirt, breeches and a lace cap",
                OfflineDescriber.adjustGender(
                        "a plain linen dress, a silk blouse, petticoats and a lace bonnet", Gender.MALE));
        // a station's costume too: Abdallah, a slave, was dressed as the story's slave girl
        String slave = describe(
                "Abdallah was a tall man. Abdallah was a slave. He lit the fire. Abdallah sang. Abdallah slept.",
                "Abdallah");
        assertTrue(slave.contains("linen tunic") && !slave.contains("dress"), slave);
        // a woman keeps them
        assertEquals(
                "a tight bodice and a shawl",
                OfflineDescriber.adjustGender("a tight bodice and a shawl", Gender.FEMALE));
    }

    /** Kasim's "scarred, hawk-nosed face" is a bandit's: a woodcutter borrows another face, a robber may keep it. */
    @Test
    void aVillainsFaceIsLentOnlyToAVillain() {
        List<CdPair> bandits = List.of(
                EXAMPLES.get(1),
                example(
                        "cd-3",
                        "a tanned man in his fifties with a stocky build, a round, cheerful face, grey hair,"
                                + " wearing a wool tunic"));
        String story = "Ali, Hasan and Omar were poor woodcutters. Ali went into the forest with Hasan and Omar."
                + " Ali cut wood. Hasan cut wood. Omar cut wood. The robber watched Ali. The robber hid in the rocks."
                + " The robber laughed at Hasan and Omar.";
        List<StoryCharacter> cast = new OfflineAnalyst().analyze(story, 5).characters();
        assertEquals(4, cast.size(), cast.toString());
        for (StoryCharacter c : cast) {
            String d = new OfflineDescriber().describe("t", story, c, cast, bandits);
            if (c.name().contains("robber")) assertTrue(d.contains("scheming look"), d);
            else assertFalse(d.contains("scarred"), d);
        }
        // only bandits to borrow from: the woodcutter's face is left open
        StoryCharacter ali =
                cast.stream().filter(c -> c.name().equals("Ali")).findFirst().orElseThrow();
        String d = new OfflineDescriber().describe("t", story, ali, cast, List.of(EXAMPLES.get(1)));
        assertFalse(d.contains("scarred") || d.contains("face"), d);
    }

    @Test
    void whatTheStoryStatesWinsOverTheExamples() {
        String d = describe(
                "Henrik was a tall man with a grey beard. Henrik lived by the sea. Henrik mended nets every morning.",
                "Henrik");
        assertTrue(d.startsWith("a tall") && d.contains(" man in his "), d);
        assertTrue(d.contains("with a grey beard"), d);
        assertFalse(d.contains("woman") || d.contains("braid") || d.contains("red hair"), d);
    }

    @Test
    void theSizeOfHandsOrFeetTheStoryGivesIsKept() {
        // snow-white and rose-red: the children "put their small feet on his back"
        String d = describe(
                "Nell was a little girl. Nell climbed on the bear, and she put her small feet on his back. Nell laughed.",
                "Nell");
        assertTrue(d.contains("with small feet"), d);
    }

    @Test
    void howTheStorySaysSomeoneIsDressedIsAClauseOfItsOwn() {
        String d = describe(
                "Teodor was civil, well dressed and covered in soot. Teodor wore a blue cap. Teodor sang every day.",
                "Teodor");
        assertTrue(d.contains(", well dressed, wearing a blue cap"), d);
        assertTrue(d.contains(", covered in soot"), d);
        assertFalse(d.contains("wearing well") || d.contains("with covered"), d);
        String veiled = describe(
                "Leila was the Sultan's daughter. Omar was a poor young man. Omar longed to see her face, as she always went veiled. Leila"
                        + " laughed. Omar sighed. Leila sang.",
                "Leila");
        assertTrue(veiled.contains(", veiled"), veiled);
        assertFalse(veiled.contains("wearing veiled"), veiled);
    }

    @Test
    void whatIsWornIsNotCarriedAsWell() {
        String d = describe(
                "Elsa wore beautiful clothes. Elsa carried her beautiful clothes back to the tree. Elsa sang every day.",
                "Elsa");
        assertEquals(1, d.split("beautiful clothes", -1).length - 1, d);
    }

    @Test
    void theExamplesFillOnlyWhatTheStoryLeavesOpen() {
        String d = describe(
                "Ilse, a young fisher girl, wore a red scarf. Ilse sold fish on the quay. Ilse sang every day.",
                "Ilse");
        assertTrue(d.startsWith("a young") && d.contains(" girl in her late teens"), d);
        assertTrue(d.contains("wearing a red scarf"), d);
        assertFalse(d.contains("crown of white flowers"), "the story says what she wears: " + d);
        assertTrue(d.contains("eyes") || d.contains("face"), "a face the story does not give is borrowed: " + d);
    }

    @Test
    void anOldCharacterIsNeverInHerTeens() {
        String d = describe(
                "An old woman named Greta lived in the wood. Greta kept geese. Greta said little to anyone.", "Greta");
        assertTrue(d.contains("old"), d);
        assertFalse(d.contains("teens"), d);
        assertEquals(-1, d.indexOf("twenties"), d);
    }

    @Test
    void anExamplesAgeWordIsNotLentAsSkin() {
        // the example's "old" would make a twelve-year-old "a brown-skinned old woman"
        OfflineDescriber.Look look = OfflineDescriber.Look.parse(
                        "a brown-skinned old woman in her early sixties with a thin build, a lined face, white hair,"
                                + " wearing a black shawl")
                .orElseThrow();
        assertEquals("brown-skinned", look.skin());
    }

    @Test
    void whatTheStorySaysSomeoneIsIsTheirStationNotAnAdjective() {
        String d = describe("A salesman named Felix checked his watch. Felix laughed. Felix slept.", "Felix");
        assertTrue(d.contains("every inch the salesman"), d);
        assertFalse(d.startsWith("a salesman,"), d);
        assertTrue(d.contains("carrying a watch"), d);
    }

    @Test
    void aChildOfTheStoryIsAYoungGirlOrBoyOfItsAge() {
        String d = describe(
                "Rapunzel was a little girl. When she was twelve years old, the witch shut her into a tower."
                        + " Rapunzel sang. Rapunzel wept.",
                "Rapunzel");
        assertTrue(d.contains("young") && d.contains(" girl of twelve"), d);
        assertFalse(d.contains("woman"), d);
        assertEquals("twelve", OfflineDescriber.yearsOf("twelve years old"));
        assertEquals(null, OfflineDescriber.yearsOf("forty years old"));
    }

    @Test
    void aLongerStationStandsForTheShorterOnesItSays() {
        StoryCharacter c = new StoryCharacter("captain", "captain", List.of(), lemon.story.Gender.MALE, "", 3);
        List<lemon.story.StoryCue> cues = List.of(
                new lemon.story.StoryCue("station", "captain", "s"),
                new lemon.story.StoryCue("station", "robber", "s"),
                new lemon.story.StoryCue("station", "robber captain", "s"));
        String d = new OfflineDescriber().describe("t", "The captain laughed.", c, List.of(c), EXAMPLES, cues);
        assertTrue(d.contains("every inch the robber captain,"), d);
        assertFalse(d.contains("captain and"), d);
    }

    @Test
    void aNameThatMakesSomeoneYoungKeepsTheBorrowedAgeYoung() {
        // Ashputtel, "the little maiden", was a woman in her early fifties: the examples' middle years
        StoryCharacter elsa = new StoryCharacter("elsa", "Elsa", List.of("the little maiden"), Gender.FEMALE, "", 5);
        String d = alone("Elsa swept.", elsa, EXAMPLES, List.of());
        assertTrue(d.contains("in her late teens"), d);
        StoryCharacter maid = new StoryCharacter("elsa", "Elsa", List.of("the old maiden"), Gender.FEMALE, "", 5);
        String old = alone("Elsa swept.", maid, EXAMPLES, List.of());
        assertFalse(old.contains("teens"), old);
    }

    @Test
    void aChildIsAYoungGirlNotAGirlInHerLateTeens() {
        // Morning and Day, "two children": "a young boy in his late teens" is painted as a youth
        String d = describe("The two children played. Greta was only a child. Greta sang every day.", "Greta");
        assertTrue(d.contains("young") && d.contains("girl"), d);
        assertFalse(d.contains("teens"), d);
        String youth = describe("Ilse, a young fisher girl, sold fish. Ilse sang every day.", "Ilse");
        assertTrue(youth.contains("in her late teens"), youth);
    }

    @Test
    void theArticleFollowsTheSoundAndKinIsNoStation() {
        // "a ugly, little … man" (the Water of Life's dwarf), "an one-eyed … man" (Harrow)
        assertEquals("an", StoryCues.article("ugly, little"));
        assertEquals("a", StoryCues.article("one-eyed"));
        assertEquals("a", StoryCues.article("unicorn"));
        assertEquals("an", StoryCues.article("honest"));
        assertEquals("an", StoryCues.article("old"));
        // Sefa was "every inch the niece"
        StoryCharacter sefa = new StoryCharacter("sefa", "Sefa", List.of(), Gender.FEMALE, "niece", 3);
        String d = alone("Sefa rode on.", sefa, EXAMPLES, List.of());
        assertFalse(d.contains("every inch the niece"), d);
    }

    @Test
    void anAgeTheStoryGivesAsBoyMakesABoy() {
        // briar rose's kitchen-boy, "the boy", was "a man in his late teens"
        StoryCharacter c = new StoryCharacter("kitchen-boy", "kitchen-boy", List.of("boy"), Gender.MALE, "", 3);
        List<lemon.story.StoryCue> cues = List.of(new lemon.story.StoryCue("age", "boy", "s"));
        String d = new OfflineDescriber().describe("t", "The boy ran.", c, List.of(c), EXAMPLES, cues);
        assertTrue(d.contains(" boy in his late teens"), d);
        assertFalse(d.contains(" man "), d);
    }

    @Test
    void aHorseIsRiddenNotCarried() {
        StoryCharacter c = new StoryCharacter("aladdin", "Aladdin", List.of(), Gender.MALE, "", 3);
        List<lemon.story.StoryCue> cues = List.of(
                new lemon.story.StoryCue("object", "a ring", "s"), new lemon.story.StoryCue("object", "a horse", "s"));
        String d = new OfflineDescriber().describe("t", "Aladdin rode.", c, List.of(c), EXAMPLES, cues);
        assertTrue(d.contains("carrying a ring, riding a horse"), d);
    }

    @Test
    void aFaceTheStoryGivesTakesTheBorrowedOnesPlace() {
        // snow-white's dwarf: "a narrow, clever face with lively eyes …, with a wizened face, with an ashen-gray face"
        StoryCharacter c = new StoryCharacter("oliver", "Oliver", List.of(), Gender.MALE, "", 3);
        List<lemon.story.StoryCue> cues = List.of(new lemon.story.StoryCue("skin", "pale face", "s"));
        String d = new OfflineDescriber().describe("t", "Oliver slept.", c, List.of(c), EXAMPLES, cues);
        assertEquals(1, d.split("\\bface\\b", -1).length - 1, d);
        assertTrue(d.contains("pale face"), d);
    }

    @Test
    void theEldestOfTwoDaughtersIsYoung() {
        // Cinderella's eldest and youngest sisters were "women in their late forties", the examples' middle years
        StoryCharacter sisters = new StoryCharacter(
                "two-daughters", "two daughters", List.of(), Gender.FEMALE, "two daughters", 5, 2, null);
        StoryCharacter eldest = new StoryCharacter(
                        "eldest", "eldest", List.of("the eldest"), Gender.FEMALE, "eldest", 3)
                .memberOf("two-daughters");
        String d = new OfflineDescriber()
                .describe("t", "The eldest laughed.", eldest, List.of(sisters, eldest), EXAMPLES, List.of());
        assertTrue(d.contains("in her late teens"), d);
    }

    @Test
    void theOwnerOfARelationDoesNotSetItsAge() {
        // the princess's mother was "a woman in her late teens": "princess" is her daughter's word, not hers
        StoryCharacter mother =
                new StoryCharacter("princesss-mother", "princess's mother", List.of(), Gender.FEMALE, "mother", 3);
        String d = alone("Her mother wept.", mother, EXAMPLES, List.of());
        assertFalse(d.contains("teens"), d);
        StoryCharacter son = new StoryCharacter("kings-son", "king's son", List.of(), Gender.MALE, "son", 3);
        String s = alone("The son rode.", son, EXAMPLES, List.of());
        assertTrue(s.contains("in his late teens"), s);
    }

    @Test
    void aKingsChildHoldsItsTitle() {
        // the tailor's bride, "the king's daughter", was described with no station at all
        StoryCharacter daughter =
                new StoryCharacter("kings-daughter", "king's daughter", List.of(), Gender.FEMALE, "", 4);
        String d = alone("The daughter wept.", daughter, EXAMPLES, List.of());
        assertTrue(d.contains("every inch the princess"), d);
        // the king's servant is no prince
        StoryCharacter servant = new StoryCharacter("kings-servant", "king's servant", List.of(), Gender.MALE, "", 4);
        String s = alone("The servant ran.", servant, EXAMPLES, List.of());
        assertFalse(s.contains("prince"), s);
    }

    @Test
    void theChildrenOfTheStorysRoyalHouseArePrincesWithoutThePossessive() {
        // the Water of Life: "a king who had three sons … Then the eldest son said" made the eldest son no prince
        StoryCharacter eldest = new StoryCharacter("eldest-son", "eldest son", List.of(), Gender.MALE, "eldest son", 4);
        String royal = "There reigned a king who had three sons. Then the eldest son rode out.";
        String d = new OfflineDescriber().describe("t", royal, eldest, List.of(eldest), EXAMPLES, List.of());
        assertTrue(d.contains("every inch the prince"), d);
        List<String> cast =
                new OfflineDescriber().describeCast("t", royal, List.of(eldest), List.of(EXAMPLES), List.of(List.of()));
        assertTrue(cast.get(0).contains("every inch the prince"), cast.get(0));
        // a miller's eldest son is no prince, nor is a king's own named son made one by this rule
        String miller = "There was a miller who had three sons. Then the eldest son rode out.";
        String m = new OfflineDescriber().describe("t", miller, eldest, List.of(eldest), EXAMPLES, List.of());
        assertFalse(m.contains("prince"), m);
        StoryCharacter hans = new StoryCharacter("hans", "Hans", List.of(), Gender.MALE, "son", 4);
        String h = new OfflineDescriber().describe("t", royal, hans, List.of(hans), EXAMPLES, List.of());
        assertFalse(h.contains("prince"), h);
    }

    @Test
    void kinWordsSetTheAgeTheExamplesLeaveOpen() {
        // Cinderella's sisters ("her two daughters") were women in their mid-fifties; Nonna Vee, "her grandmother", was
        // thirty
        StoryCharacter sisters =
                new StoryCharacter("sisters", "two sisters", List.of("two daughters"), Gender.FEMALE, "", 9);
        String d = alone("The sisters laughed.", sisters, EXAMPLES, List.of());
        assertTrue(d.contains("in her late teens"), d);
        assertFalse(d.contains("greying"), d);
        assertEquals("loosely plaited auburn hair", OfflineDescriber.youthful("loosely plaited greying auburn hair"));
        assertEquals(null, OfflineDescriber.youthful("curly white hair"));
        StoryCharacter vee = new StoryCharacter("vee", "Vee", List.of(), Gender.FEMALE, "", 4);
        List<lemon.story.StoryCue> cues = List.of(new lemon.story.StoryCue("gender", "grandmother", "s"));
        String g = new OfflineDescriber().describe("t", "Vee watered the plants.", vee, List.of(vee), EXAMPLES, cues);
        assertTrue(g.contains("grandmother in her late sixties"), g);
        // a grandmother's grandchild is no older for it
        StoryCharacter child =
                new StoryCharacter("ana", "Ana", List.of("her grandmother's child"), Gender.FEMALE, "", 4);
        String c = alone("Ana ran.", child, EXAMPLES, List.of());
        assertFalse(c.contains("sixties"), c);
    }

    /** A crone's and a girl's retrieved examples, as the tales' casts match them. */
    private static final List<CdPair> CRONE_AND_GIRL = List.of(
            example(
                    "cd-3",
                    "a pale woman in her seventies with a thin and crooked build, a hooked nose, white hair,"
                            + " wearing a tattered black shawl, a patched grey dress and a crooked walking stick"),
            example(
                    "cd-4",
                    "a ruddy-cheeked woman in her late teens with a slender build, a round face, auburn hair,"
                            + " wearing a blue linen dress and a straw hat"));

    @Test
    void buildAndClothesAreLentBySomeoneOfAboutTheirAge() {
        // Rapunzel was "a young girl, with a thin and crooked build, wearing … a crooked walking stick"
        StoryCharacter girl = new StoryCharacter("mara", "Mara", List.of("the maiden"), Gender.FEMALE, "", 4);
        StoryCharacter crone = new StoryCharacter("hag", "Old Hild", List.of("the old woman"), Gender.FEMALE, "", 4);
        for (int turn = 0; turn < 2; turn++) { // whichever slot the character's id starts the examples at
            List<CdPair> examples = turn == 0 ? CRONE_AND_GIRL : List.of(CRONE_AND_GIRL.get(1), CRONE_AND_GIRL.get(0));
            String d = alone("Mara sang.", girl, examples, List.of());
            assertTrue(d.contains("blue linen dress") && !d.contains("crooked"), d);
            String o = alone("Hild hobbled.", crone, examples, List.of(new lemon.story.StoryCue("age", "old", "s")));
            assertTrue(o.contains("walking stick"), o);
        }
        // a child takes clothes from no grown-up: Rose-red wore a housekeeper's ring of keys
        String child = new OfflineDescriber()
                .describe(
                        "t",
                        "Ana ran.",
                        new StoryCharacter("ana", "Ana", List.of(), Gender.FEMALE, "", 4),
                        List.of(),
                        List.of(CRONE_AND_GIRL.get(0), EXAMPLES.get(1)),
                        List.of(new lemon.story.StoryCue("age", "child", "s")));
        assertTrue(child.contains("wearing simple clothes") && !child.contains("crooked"), child);
        assertEquals(-1, OfflineDescriber.band("of about 25"));
        assertEquals(1, OfflineDescriber.band("in his early sixties"));
        assertEquals(0, OfflineDescriber.band("in her forties"));
    }

    @Test
    void aVillainIsLentNoKindEyes() {
        // Aladdin's magician had "a handsome, clean-shaven face and earnest, kind eyes, … a hard, scheming look in the
        // eyes"; the dwarf "a freckled, honest face and wide, trusting eyes"
        assertEquals(
                "a handsome, clean-shaven face",
                OfflineDescriber.withoutKindness("a handsome, clean-shaven face and earnest, kind eyes"));
        assertEquals(
                "a freckled face", OfflineDescriber.withoutKindness("a freckled, honest face and wide, trusting eyes"));
        assertEquals(
                "an expressive face with dimples",
                OfflineDescriber.withoutKindness("an expressive face with dimples and bright, quick eyes"));
        assertEquals("a gaunt face", OfflineDescriber.withoutKindness("a gaunt face"));
    }

    /** The offline description of a lone character from the test examples and one cue the story states. */
    private static String describedWith(String name, Gender gender, String role, String kind, String value) {
        StoryCharacter c = new StoryCharacter(name.toLowerCase(), name, List.of(), gender, role, 4);
        return new OfflineDescriber()
                .describe(
                        "t",
                        name + " ran.",
                        c,
                        List.of(c),
                        EXAMPLES,
                        List.of(new lemon.story.StoryCue(kind, value, "s")));
    }

    @Test
    void aGrownAgeInYearsAndABuildNamedByANounAreSaid() {
        // "a small, quick woman of forty" was "a woman in her late teens"; "a cheerful giant" had no build at all
        String d = describedWith("Priya", Gender.FEMALE, "", "age", "forty years old");
        assertTrue(d.contains("woman of forty") && !d.contains("teens"), d);
        assertEquals(40, OfflineDescriber.grownYearsOf("forty years old"));
        assertEquals(null, OfflineDescriber.grownYearsOf("ten years old"));
        String big = describedWith("Sam", Gender.MALE, "", "build", "giant");
        assertTrue(big.contains("of giant build"), big);
    }

    @Test
    void glassesAreWornWithClothesNotInsteadOfThem() {
        // Snow-white's mother "carrying spectacles"; as worn, they alone left her no clothes
        String d = describedWith("mother", Gender.FEMALE, "mother", "clothing", "spectacles");
        assertTrue(d.matches(".*wearing [^,]+ and spectacles.*") && !d.contains("wearing spectacles"), d);
    }

    @Test
    void aWomanIsLentNoShaveAndEachThingIsSaidOnce() {
        assertEquals(
                "a lovely face and kind eyes, close-cropped red hair",
                OfflineDescriber.adjustGender(
                        "a handsome, clean-shaven face and kind eyes, close-shaven red hair", Gender.FEMALE));
        StoryCharacter dwarf = new StoryCharacter("dwarf", "dwarf", List.of(), Gender.MALE, "dwarf", 4);
        List<lemon.story.StoryCue> cues = List.of(
                new lemon.story.StoryCue("headwear", "a sugarloaf cap", "s"),
                new lemon.story.StoryCue("headwear", "a sugarloaf hat", "s"),
                new lemon.story.StoryCue("clothing", "a scarlet cloak", "s"),
                new lemon.story.StoryCue("clothing", "a new scarlet cloak", "s"),
                new lemon.story.StoryCue("clothing", "apron", "s"),
                new lemon.story.StoryCue("object", "lamps", "s"),
                new lemon.story.StoryCue("object", "a lamp", "s"),
                new lemon.story.StoryCue("object", "a bag of gold", "s"),
                new lemon.story.StoryCue("object", "a bag of precious stones", "s"));
        String d = new OfflineDescriber().describe("t", "The dwarf ran.", dwarf, List.of(dwarf), EXAMPLES, cues);
        assertTrue(
                d.contains("wearing a sugarloaf cap, a scarlet cloak, an apron, carrying lamps and a bag of gold and a"
                        + " bag of precious stones"),
                d);
        // the fairy's costume has her wand in hand: she carries no second one
        StoryCharacter fairy = new StoryCharacter("fairy", "fairy", List.of(), Gender.FEMALE, "fairy", 4);
        String f =
                alone("The fairy came.", fairy, EXAMPLES, List.of(new lemon.story.StoryCue("object", "a wand", "s")));
        assertTrue(f.contains("a slender wand in hand") && !f.contains("carrying a wand"), f);
    }

    @Test
    void aCaptainIsNoBanditAndTodaysClothesAreClothes() {
        // a trawler's captain was painted in a turban with a curved sword and "a hard, scheming look in the eyes"
        StoryCharacter captain =
                new StoryCharacter("morales", "Captain Morales", List.of(), Gender.FEMALE, "captain", 3);
        String d = alone("Captain Morales climbed the steps.", captain, EXAMPLES, List.of());
        assertTrue(d.contains("captain's coat") && !d.contains("scheming") && !d.contains("turban"), d);
        String story = "Grandfather kept the lighthouse. Grandfather wore a blue fisherman's jumper every day."
                + " Grandfather took the radio. Grandfather slept.";
        String g = describe(story, "Grandfather");
        assertTrue(g.contains("jumper"), g);
        // a detective and a student on a night ferry, whose examples are sea captains: dressed for their own work
        CdPair seaCaptain = example(
                "cd-5",
                "a tanned woman in her early fifties with a sturdy build, a stern, weather-beaten face, curly auburn"
                        + " hair, wearing a weathered navy captain's coat with brass buttons and a peaked cap");
        StoryCharacter cole = new StoryCharacter("cole", "Cole", List.of(), Gender.FEMALE, "", 3);
        StoryCharacter juno = new StoryCharacter("juno", "Juno", List.of(), Gender.FEMALE, "", 3);
        List<StoryCharacter> ferry = List.of(cole, juno);
        String inspector = new OfflineDescriber()
                .describe(
                        "t",
                        "",
                        cole,
                        ferry,
                        List.of(seaCaptain),
                        List.of(new lemon.story.StoryCue("station", "Detective Inspector", "s")));
        assertTrue(inspector.contains("trench coat") && !inspector.contains("captain's coat"), inspector);
        String student = new OfflineDescriber()
                .describe(
                        "t",
                        "",
                        juno,
                        ferry,
                        List.of(seaCaptain),
                        List.of(new lemon.story.StoryCue("station", "student", "s")));
        assertTrue(student.contains("in her late teens") && student.contains("backpack"), student);
        // a cheerful giant of a baker is big, in a baker's apron, and no villain
        StoryCharacter hector = new StoryCharacter("hector", "Hector Plum", List.of(), Gender.MALE, "baker", 3);
        String baker = alone("", hector, EXAMPLES, List.of(new lemon.story.StoryCue("build", "giant", "s")));
        assertTrue(baker.contains("of giant build") && baker.contains("apron") && !baker.contains("scheming"), baker);
    }

    @Test
    void aCastIsToldApartWhereTheExamplesAllow() {
        // two women retrieved the same one example; the baker's examples hold another woman's look
        CdPair nurse = example(
                "cd-3",
                "a pale woman in her forties with a sturdy build, a round, cheerful face, curly black hair,"
                        + " wearing a starched apron");
        CdPair crone = example(
                "cd-4",
                "a pale woman in her seventies with a bent build, a wrinkled face, thin white hair,"
                        + " wearing a shawl");
        StoryCharacter ann = new StoryCharacter("ann", "Ann", List.of(), Gender.FEMALE, "", 3);
        StoryCharacter bea = new StoryCharacter("bea", "Bea", List.of(), Gender.FEMALE, "", 3);
        StoryCharacter baker = new StoryCharacter("tom", "Tom", List.of(), Gender.MALE, "baker", 3);
        List<StoryCharacter> cast = List.of(ann, bea, baker);
        List<CdPair> women = List.of(EXAMPLES.get(0));
        List<String> d = new OfflineDescriber()
                .describeCast(
                        "t",
                        "Ann met Bea.",
                        cast,
                        List.of(women, women, List.of(EXAMPLES.get(1), crone, nurse)),
                        List.of(List.of(), List.of(), List.of()));
        assertTrue(d.get(0).contains("long braided red hair"), d.get(0));
        // Bea is lent the one unused woman's look of her age: the crone's white hair goes to no one young
        assertTrue(d.get(1).contains("curly black hair") && d.get(1).contains("a round, cheerful face"), d.get(1));
        assertFalse(d.get(1).contains("red hair") || d.get(1).contains("white hair"), d.get(1));
        // one at a time, as before, each takes its own first example
        String alone = new OfflineDescriber().describe("t", "Ann met Bea.", bea, cast, women, List.of());
        assertTrue(alone.contains("long braided red hair"), alone);
        // nor the clothes someone before was lent: four men of a ferry story wore one captain's coat
        StoryCharacter dan = new StoryCharacter("dan", "Dan", List.of(), Gender.MALE, "", 3);
        StoryCharacter eli = new StoryCharacter("eli", "Eli", List.of(), Gender.MALE, "", 3);
        List<CdPair> men = List.of(example(
                "cd-18",
                "a tanned man in his forties with a sturdy build, a stern face, grey eyes, short brown hair, wearing a"
                        + " weathered navy captain's coat with brass buttons and a peaked cap"));
        List<String> crew = new OfflineDescriber()
                .describeCast("t", "Dan met Eli.", List.of(dan, eli), List.of(men, men), List.of(List.of(), List.of()));
        String coat = crew.get(0).substring(crew.get(0).indexOf("wearing "));
        assertFalse(crew.get(1).contains(coat), crew.toString());
        // with nothing unused left, a third woman gets no face or hair rather than Ann's
        StoryCharacter cat = new StoryCharacter("cat", "Cat", List.of(), Gender.FEMALE, "", 3);
        List<String> three = new OfflineDescriber()
                .describeCast(
                        "t",
                        "Ann met Bea and Cat.",
                        List.of(ann, cat),
                        List.of(women, women),
                        List.of(List.of(), List.of()));
        assertFalse(three.get(1).contains("red hair") || three.get(1).contains("face"), three.get(1));
    }

    @Test
    void theEldestIsNoStationAndABreastplateNoVillagersClothes() {
        // a widow's sons were "every inch the eldest" and "every inch the youngest", the youngest in a breastplate
        CdPair knight = example(
                "cd-15",
                "a tanned man in his thirties with a lean build, a handsome face, black hair, wearing a polished"
                        + " breastplate over a green tunic");
        StoryCharacter sami = new StoryCharacter("sami", "Sami", List.of(), Gender.MALE, "youngest", 3);
        String d = alone("Sami sat.", sami, List.of(knight), List.of());
        assertFalse(d.contains("every inch") || d.contains("breastplate"), d);
    }

    @Test
    void aWardsBoyAndNurseAndAVillageGiant() {
        // the boy of a ward was "a fair-skinned man of 30"; a nurse "with grey curls" a woman of thirty; a man "with a
        // ginger beard" had a clean-shaven face; a vicar of today wore a woman's dark wool dress made a tunic
        StoryCharacter boy = new StoryCharacter("boy", "boy", List.of(), Gender.MALE, "boy", 5);
        String b = alone("The boy slept.", boy, EXAMPLES, List.of());
        assertTrue(b.contains("boy") && !b.contains("man"), b);
        // a narrator of nineteen is a woman of nineteen, no girl
        StoryCharacter agnes = new StoryCharacter("agnes", "Agnes", List.of(), Gender.FEMALE, "", 5);
        String a = alone(
                "Agnes sat.", agnes, EXAMPLES, List.of(new lemon.story.StoryCue("age", "nineteen years old", "s")));
        assertTrue(a.contains("woman of nineteen"), a);
        String rosa = alone(
                "Agnes sat.", agnes, EXAMPLES, List.of(new lemon.story.StoryCue("age", "fifty-three years old", "s")));
        assertTrue(rosa.contains("woman of fifty-three") && !rosa.contains("teens"), rosa);
        StoryCharacter nurse = new StoryCharacter("nurse", "nurse", List.of(), Gender.FEMALE, "nurse", 5);
        String n = alone(
                "The nurse hummed.", nurse, EXAMPLES, List.of(new lemon.story.StoryCue("hair", "grey curls", "s")));
        assertTrue(n.contains("in her late fifties"), n);
        CdPair shaven = example(
                "cd-16",
                "a tanned man of about 25 with a lean build, a handsome, clean-shaven face and kind eyes, short"
                        + " brown hair, wearing a worn blue shirt");
        StoryCharacter dave = new StoryCharacter("dave", "Big Dave", List.of(), Gender.MALE, "", 5);
        String d = alone(
                "Big Dave grew marrows.",
                dave,
                List.of(shaven),
                List.of(new lemon.story.StoryCue("beard", "a ginger beard", "s")));
        assertTrue(d.contains("a handsome face") && d.contains("ginger beard"), d);
        // a borrowed "of about 25" is no age the story gave: said as the middle years' decade
        assertTrue(d.contains("in his early thirties") && !d.contains("of 30"), d);
        CdPair dowager = example(
                "cd-17",
                "a fair-skinned woman in her fifties with a gaunt build, a sharp face, grey hair, wearing a dark wool"
                        + " dress with a high lace collar");
        StoryCharacter vicar = new StoryCharacter("vicar", "Simon", List.of(), Gender.MALE, "vicar", 5);
        String v = alone("Simon drove the van to the car park.", vicar, List.of(dowager), List.of());
        assertFalse(v.contains("tunic"), v);
    }

    @Test
    void aParrotCalledCaptainFlintIsNoCaptain() {
        StoryCharacter flint = new StoryCharacter("flint", "Captain Flint", List.of(), Gender.UNKNOWN, "parrot", 3);
        String d = alone(
                "Captain Flint flew off.",
                flint,
                EXAMPLES,
                List.of(new lemon.story.StoryCue("station", "captain", "s")));
        assertTrue(d.startsWith("a parrot") && !d.contains("captain"), d);
        // a parrot the story makes a ship's captain keeps it
        StoryCharacter polly = new StoryCharacter("polly", "Polly", List.of(), Gender.UNKNOWN, "parrot", 3);
        String p =
                alone("Polly flew off.", polly, EXAMPLES, List.of(new lemon.story.StoryCue("station", "captain", "s")));
        assertTrue(p.contains("captain"), p);
    }

    @Test
    void borrowedFacesAreOfTheCharactersAge() {
        // a noodle-shop cook of no stated age was lent a crone's "deeply lined face, sunken cheeks and a toothless,
        // gleeful grin"; a grandfather a "boyish face with a cheerful grin"
        CdPair crone = example(
                "cd-4",
                "a pale woman in her seventies with a bent build, a toothless, wrinkled face, thin white hair,"
                        + " wearing a shawl");
        CdPair boy = example(
                "cd-13",
                "a pale man in his twenties with a lanky build, a boyish face with a cheerful grin, shaggy red hair,"
                        + " wearing a worn blue shirt");
        CdPair elder = example(
                "cd-14",
                "a tanned man in his sixties with a thin build, a gaunt, weather-beaten face, thinning grey hair,"
                        + " wearing a sheepskin jacket");
        StoryCharacter hua = new StoryCharacter("hua", "Chen Hua", List.of(), Gender.FEMALE, "", 3);
        String mother = alone("Hua sighed.", hua, List.of(crone), List.of());
        assertFalse(mother.contains("toothless") || mother.contains("white hair"), mother);
        StoryCharacter zhao = new StoryCharacter("zhao", "Grandfather", List.of(), Gender.MALE, "", 3);
        List<lemon.story.StoryCue> thin = List.of(new lemon.story.StoryCue("age", "old", "s"));
        String grandfather = new OfflineDescriber()
                .describe("t", "Grandfather sighed.", zhao, List.of(zhao), List.of(boy, elder), thin);
        assertTrue(grandfather.contains("weather-beaten face") && !grandfather.contains("boyish"), grandfather);
        // an old one of whom only young examples tell keeps their face rather than none
        String only =
                new OfflineDescriber().describe("t", "Grandfather sighed.", zhao, List.of(zhao), List.of(boy), thin);
        assertTrue(only.contains("face"), only);
    }

    @Test
    void borrowedClothesAreOfTheStorysTime() {
        CdPair knight = example(
                "cd-6",
                "a pale woman in her forties with a tall build, a stern face, red hair, wearing dented steel plate armour"
                        + " and a longsword");
        CdPair organiser = example(
                "cd-7",
                "a tanned woman in her thirties with a slim build, a flustered face, brown hair, wearing a smart"
                        + " lavender dress, a headset and flat practical shoes");
        StoryCharacter haddad = new StoryCharacter("haddad", "Mrs Haddad", List.of(), Gender.FEMALE, "", 3);
        String today = "Mrs Haddad drove her car to the station. Her phone rang. Mrs Haddad sighed.";
        List<CdPair> both = List.of(knight, organiser, knight);
        String d = alone(today, haddad, both, List.of());
        assertTrue(d.contains("headset") && !d.contains("armour"), d);
        // in a tale it is the other way round
        CdPair minstrel = example(
                "cd-11",
                "a pale woman in her forties with a slim build, a merry face, red hair, wearing a velvet doublet with a"
                        + " lace collar");
        String tale = "Greta rode to the castle. The king was waiting. Greta laughed.";
        StoryCharacter queen = new StoryCharacter("greta", "Greta", List.of(), Gender.FEMALE, "", 3);
        String q = alone(tale, queen, List.of(organiser, minstrel, organiser), List.of());
        assertTrue(q.contains("doublet") && !q.contains("headset"), q);
        // Ali Baba's son wore an outlaw's gun belt: a tale of robbers and slaves is no western
        CdPair outlaw = example(
                "cd-8",
                "a tanned man in his thirties with a lean build, a hard face, black hair, wearing a dusty long coat,"
                        + " a gun belt and a wide-brimmed black hat");
        StoryCharacter son = new StoryCharacter("son", "Ali Baba's son", List.of(), Gender.MALE, "", 3);
        String s = alone(
                "The robbers hid the gold. The thieves slept. A slave watched them.", son, List.of(outlaw), List.of());
        assertTrue(s.contains("simple clothes") && !s.contains("gun belt"), s);
        // nor is a relay race of today: a runner was lent the Stetson and gun belt
        String relay = "The team ran the championship final. Luca held the stopwatch.";
        StoryCharacter luca = new StoryCharacter("luca", "Luca", List.of(), Gender.MALE, "", 3);
        String r = alone(relay, luca, List.of(outlaw), List.of());
        assertTrue(r.contains("plain everyday clothes") && !r.contains("gun belt"), r);
        // a blind old blacksmith is lent no robber chief's scimitar; a soldier may be
        CdPair chief = example(
                "cd-10",
                "a tanned man in his fifties with a powerful build, a hard face, black hair, wearing a black turban, a"
                        + " long dark cloak over leather armour and a curved scimitar");
        StoryCharacter master = new StoryCharacter("tobiah", "Tobiah", List.of(), Gender.MALE, "master", 3);
        String m = alone("Tobiah slept.", master, List.of(chief), List.of());
        assertTrue(m.contains("simple clothes") && !m.contains("scimitar"), m);
        StoryCharacter soldier = new StoryCharacter("s", "soldier", List.of(), Gender.MALE, "soldier", 3);
        String so = alone("The soldier slept.", soldier, List.of(chief), List.of());
        assertTrue(so.contains("uniform coat"), so); // a soldier's own look; the chief's would do too
        // with no example of the time, plain clothes of it
        String only = alone(today, haddad, List.of(knight), List.of());
        assertTrue(only.contains("plain everyday clothes"), only);
        // a police story of today (a detective, a car park, an airport) lent a pirate's sash over a chain shirt
        CdPair pirate = example(
                "cd-12",
                "a tanned man in his thirties with a broad build, a hard face, black hair, wearing a crimson sash over a"
                        + " chain shirt, high boots and gold earrings");
        String police = "The detective found the shoe in the car park. Pike flew from the airport.";
        StoryCharacter pike = new StoryCharacter("pike", "Pike", List.of(), Gender.MALE, "", 3);
        String p = alone(police, pike, List.of(pirate), List.of());
        assertTrue(p.contains("plain everyday clothes") && !p.contains("chain shirt"), p);
        // a story whose time its words do not tell keeps what the examples lend
        String untold = alone("Mrs Haddad sighed.", haddad, List.of(minstrel), List.of());
        assertTrue(untold.contains("doublet"), untold);
    }

    @Test
    void aKingsDaughterIsDressedAsAPrincessAndAYouthIsLentNoBeard() {
        StoryCharacter daughter =
                new StoryCharacter("d", "king's daughter", List.of(), Gender.FEMALE, "king's daughter", 3);
        String d = alone("The king's daughter wept.", daughter, EXAMPLES, List.of());
        assertTrue(d.contains("silk gown") && !d.contains("crown"), d);
        CdPair greybeard = example(
                "cd-9",
                "a pale man in his forties with a stout build, a rugged face with a wild tangled beard and small eyes,"
                        + " brown hair, wearing a smock");
        StoryCharacter luca = new StoryCharacter("luca", "Luca", List.of("boy"), Gender.MALE, "", 3);
        String l =
                alone("Luca ran.", luca, List.of(greybeard), List.of(new lemon.story.StoryCue("gender", "boy", "s")));
        assertTrue(l.contains("a rugged face") && !l.contains("beard"), l);
    }

    @Test
    void aDecadeTheStoryGivesIsTheAge() {
        // "a broad-shouldered woman in her fifties with close-cropped grey hair" was painted in her early forties
        String story = "Captain Imani Okafor was on the bridge, a broad-shouldered woman in her fifties with"
                + " close-cropped grey hair and a navy uniform. Okafor nodded. Okafor smiled.";
        String okafor = describe(story, "Okafor");
        assertTrue(okafor.contains("woman in her fifties"), okafor);
        assertTrue(okafor.contains("close-cropped grey hair") && okafor.contains("a navy uniform"), okafor);
    }
}
