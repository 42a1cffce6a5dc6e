package lemon.analysis;

import static lemon.analysis.RoleAliasesTest.cast;
import static lemon.analysis.RoleAliasesTest.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class GroupsTest {
    private static boolean anyGroup(List<StoryCharacter> cast) {
        return cast.stream().anyMatch(StoryCharacter::isGroup);
    }

    @Test
    void aBandTheTellingNamesTwiceIsAGroupOneNamedOnlyInSpeechIsNot() {
        // Cinderella's six lizards turned six footmen, who skip up behind the coach
        List<StoryCharacter> cast = cast("Ella went into the garden. The godmother turned six lizards into six footmen."
                + " The footmen jumped up behind the coach. Ella rode to the ball.");
        StoryCharacter footmen = named(cast, "footmen");
        assertTrue(footmen.isGroup(), cast.toString());
        assertEquals(6, footmen.members());
        // the tailor's song and boast name tailors twice, but no band of tailors is in the story
        List<StoryCharacter> song =
                cast("The tailor sang: \u2018Three tailors rode forth from the gate.\u2019 The tailor"
                        + " walked on. \u201cWe tailors are nimble,\u201d said the tailor. The tailor slept.");
        assertTrue(song.stream().noneMatch(c -> c.name().contains("tailors")), song.toString());
    }

    @Test
    void aFamilysNameAfterTheCountKeepsTheCountAndNamesListedAsPeopleAreSomeone() {
        // a night market of my own: "the three Haddad brothers" were a band of no count, and "Sami and Yusuf were
        // twins", each named once in a page of seventeen sentences, were no one
        String market = "Across the lane, the three Okonjo sisters sold lamps. Ada, the eldest, wore a leather jacket."
                + " Nkem and Chidi were twins, thin girls in green caps. A bus went by. The rain began. The lamps shone."
                + " A dog barked. The stalls filled. The night was long. A bell rang. The moon rose. The wind fell."
                + " The twins stacked the stools. Ada laughed and said that one day she would open a shop. The sisters went"
                + " home.";
        List<StoryCharacter> cast = cast(market);
        StoryCharacter sisters = named(cast, "sisters");
        assertEquals(3, sisters.members(), cast.toString());
        StoryCharacter twins = named(cast, "twins");
        assertEquals(twins.id(), named(cast, "Nkem").memberOf(), cast.toString());
        assertEquals(twins.id(), named(cast, "Chidi").memberOf(), cast.toString());
        assertEquals(Gender.FEMALE, named(cast, "Nkem").gender(), cast.toString());
        // days listed as what they were are no one
        List<StoryCharacter> week = cast("Monday and Tuesday were days of rain. Ada sold lamps. Ada laughed. The rain"
                + " fell. A bus went by. The lamps shone. A dog barked. The stalls filled. The night was long. A bell"
                + " rang. The moon rose. The wind fell. The crowd thinned. Ada went home.");
        assertTrue(week.stream().noneMatch(c -> c.name().equals("Monday")), week.toString());
    }

    @Test
    void aBandNamedOnceThatThenSpeaksIsAGroup() {
        // the tailor's soldiers are named once, then "they said" what they fear of him, and ask for their dismissal
        String story = "The tailor slept in the palace. The king liked the tailor. The soldiers, however, were set"
                + " against the little tailor. ‘What is to be the end of this?’ they said. The tailor"
                + " laughed. The king sighed.";
        assertTrue(named(cast(story), "soldiers").isGroup());
        // soldiers named once and never heard are walk-ons; so are ones whose "they said" is another band's
        List<StoryCharacter> silent = cast("The tailor slept in the palace. The king liked the tailor. The soldiers"
                + " marched past. The tailor laughed. The king sighed.");
        assertTrue(silent.stream().noneMatch(c -> c.name().contains("soldiers")), silent.toString());
        List<StoryCharacter> others = cast("The tailor slept in the palace. The king liked the tailor. The soldiers"
                + " marched past the three giants. The three giants laughed. ‘Look,’ they said. The giants"
                + " ran. The tailor laughed.");
        assertTrue(others.stream().noneMatch(c -> c.name().contains("soldiers")), others.toString());
    }

    @Test
    void theCrowdThatSpeaksAsOneIsAGroupPeopleInGeneralAreNoOne() {
        // the tailor asleep in the palace yard: the people read his girdle and say who he must be
        String yard = "The tailor lay down in the yard and slept. Whilst he lay there, the people came and looked at"
                + " his girdle. ‘Ah!’ said they, ‘he must be a mighty lord.’ The tailor woke."
                + " The king sent for the tailor. The tailor bowed.";
        StoryCharacter people = named(cast(yard), "people");
        assertTrue(people.isGroup(), cast(yard).toString());
        // a crowd that only stands about is no one, nor are people the healer cures
        List<StoryCharacter> idle = cast("The tailor lay down in the yard and slept. Whilst he lay there, the people"
                + " came and looked at his girdle. The tailor woke. The king sent for the tailor. The tailor bowed.");
        assertTrue(idle.stream().noneMatch(c -> c.name().contains("people")), idle.toString());
        List<StoryCharacter> cured = cast("The healer walked into the town. She cured people by her touch. ‘Go"
                + " home,’ said she, ‘you are well.’ The healer slept. The healer woke. The healer left.");
        assertTrue(cured.stream().noneMatch(c -> c.name().contains("people")), cured.toString());
        // beside a crowd that is someone, "people" alone is still anyone: the "her" is the servant's, not shared
        List<StoryCharacter> gate = cast("The servant stood at the gate. The people came to the gate. ‘Bread!’"
                + " said they. The servant fed people from her basket. The servant gave people her bread. The servant"
                + " slept.");
        assertTrue(named(gate, "people").isGroup(), gate.toString());
        assertEquals(Gender.FEMALE, named(gate, "servant").gender(), gate.toString());
    }

    @Test
    void theCrowdTheTellingMakesTheSubjectOfItsSentencesIsAGroup() {
        // Aladdin led to the block: the people who love him follow him armed, then make the Sultan give way
        String pardon = "Aladdin was seized in the street. The people, however, who loved him, followed, armed. The"
                + " Sultan ordered his head cut off. The people, indeed, looked so threatening that the Sultan gave"
                + " way. Aladdin was unbound. The Sultan frowned. Aladdin went home. The Sultan slept.";
        assertTrue(named(cast(pardon), "people").isGroup(), cast(pardon).toString());
        // people opening one sentence, or only pushed about, are the street's, no one
        String once = "Aladdin was seized in the street. The people, however, who loved him, followed, armed. The"
                + " Sultan ordered his head cut off. The guards pushed the people back, and the Sultan laughed."
                + " Aladdin was led away. The Sultan frowned. Aladdin wept. The Sultan slept.";
        assertTrue(
                cast(once).stream().noneMatch(c -> c.name().contains("people")),
                cast(once).toString());
        String pushed = "Aladdin was seized in the street. The guards pushed the people back. The Sultan ordered his"
                + " head cut off. The guards shouted at the people, and the Sultan laughed. Aladdin was led away. The"
                + " Sultan frowned. Aladdin wept. The Sultan slept.";
        assertTrue(
                cast(pushed).stream().noneMatch(c -> c.name().contains("people")),
                cast(pushed).toString());
    }

    @Test
    void aMemberSingledOutOnceAtHerTurnWhoGoesOnActingIsSomeoneOfTheGroup() {
        // the slipper trial: each sister named once at her turn, then "her" and "she" carry the scene
        String trial = "Ella lived with her two sisters. Her sisters laughed at her. Ella swept the floor while her"
                + " sisters danced. The prince came with a slipper. Both the sisters were glad. The eldest went first"
                + " into the room. But her foot was too big. The prince sent her home and said: ‘Let the other"
                + " sister try.’ Then she went into the room. Her heel was too large. Ella tried the slipper.";
        List<StoryCharacter> cast = cast(trial);
        String sisters = named(cast, "sisters").id();
        assertEquals(sisters, named(cast, "eldest").memberOf(), cast.toString());
        assertEquals(sisters, named(cast, "other sister").memberOf(), cast.toString());
        // named once and never taken up again, they are only the group's
        String glance = "Ella lived with her two sisters. Her sisters laughed at her. Ella swept the floor while her"
                + " sisters danced. The prince came with a slipper. Both the sisters were glad. The eldest laughed."
                + " The prince frowned. ‘Let the other sister try,’ said the prince. The prince waited. The"
                + " prince left. Ella tried the slipper.";
        List<StoryCharacter> brief = cast(glance);
        assertTrue(
                brief.stream()
                        .noneMatch(c -> c.name().contains("eldest") || c.name().contains("other")),
                brief.toString());
        // "the other sister" of no band of sisters, and a plain "the thief" beside the thieves, single no one out
        List<StoryCharacter> alone = cast("The prince came with a slipper. Ella tried it first. The prince frowned."
                + " \u2018Let the other sister try,\u2019 said the prince. Then she went in. Her heel was too large. The"
                + " prince left. Ella laughed.");
        assertTrue(alone.stream().noneMatch(c -> c.name().contains("sister")), alone.toString());
        List<StoryCharacter> band = cast("Forty thieves rode to the cave. The thieves hid the gold. The thieves"
                + " slept. The thief at the door woke. He shouted. The thieves rode away. Ali watched the thieves.");
        assertTrue(band.stream().noneMatch(c -> c.name().equals("thief")), band.toString());
    }

    @Test
    void countedSistersAreOneGroupWithTheirCountAndGender() {
        List<StoryCharacter> cast = cast("Ella lived with her two sisters. Her sisters laughed at Ella every day."
                + " The two sisters went to the ball in silk. Ella swept the floor while her sisters danced."
                + " When the two sisters came home, Ella was asleep.");
        StoryCharacter sisters = named(cast, "sisters");
        assertEquals(2, sisters.members(), cast.toString());
        assertEquals(Gender.FEMALE, sisters.gender());
        assertFalse(named(cast, "Ella").isGroup());
    }

    @Test
    void theEldestAndTheYoungestSetApartBesideTheirSistersAreMembersWithTheirGender() {
        List<StoryCharacter> cast = cast("Ella lived with her two sisters in a cold house. Her sisters laughed at her."
                + " \u201cI will wear red,\u201d said the eldest. \u201cAnd I blue,\u201d said the youngest."
                + " The two sisters went to the ball. The eldest danced with the prince, and the youngest sulked."
                + " Ella swept the floor while her sisters were away.");
        StoryCharacter sisters = named(cast, "two sisters");
        StoryCharacter eldest = named(cast, "eldest");
        StoryCharacter youngest = named(cast, "youngest");
        assertEquals(sisters.id(), eldest.memberOf());
        assertEquals(sisters.id(), youngest.memberOf());
        assertEquals(Gender.FEMALE, eldest.gender(), "the sisters' gender");
    }

    @Test
    void theEldestTheStoryNamesIsAMemberToo() {
        // "a widow named Farida and her three sons. The eldest, Karim, …": Karim was painted older than his mother
        String story = "In a dry country lived a widow named Farida and her three sons. The eldest, Karim, was proud."
                + " The three sons went to the well. Karim pushed past the old woman. Karim spoke. Farida wept.";
        List<StoryCharacter> cast = cast(story);
        StoryCharacter sons =
                cast.stream().filter(StoryCharacter::isGroup).findFirst().orElseThrow();
        assertEquals(sons.id(), named(cast, "Karim").memberOf(), cast.toString());
        // the eldest of no family the story has is no one's member
        List<StoryCharacter> alone =
                cast("The guards stood at the gate. The eldest, Karim, was proud. Karim pushed past"
                        + " the old woman. Karim spoke. The guards laughed.");
        assertEquals(null, named(alone, "Karim").memberOf(), alone.toString());
    }

    @Test
    void namesSaidToBeTheGroupAreItsMembers() {
        // "Nell and Ned Ashcombe were twins": the twins were a group no one was in
        String story = "Nell and Ned Ashcombe were twins. Nell wore a blue cap and Ned wore a green one. The twins"
                + " laughed. Ned climbed first. Nell said no. The twins ran home. Nell slept. Ned slept.";
        List<StoryCharacter> cast = cast(story);
        StoryCharacter twins =
                cast.stream().filter(StoryCharacter::isGroup).findFirst().orElseThrow();
        assertEquals(twins.id(), named(cast, "Nell").memberOf(), cast.toString());
        // two names and a third thing are no pair of twins
        List<StoryCharacter> three =
                cast(story.replace("Nell and Ned Ashcombe were twins", "Nell, Ned and the dog were" + " twins"));
        assertEquals(null, named(three, "Nell").memberOf(), three.toString());
    }

    @Test
    void theOneSingledOutOfAGroupIsItsMember() {
        String story = "The forty thieves rode to the cave. The forty thieves hid their gold."
                + " One of the thieves went into the town. The thief asked the cobbler the way."
                + " The thief marked the door with chalk. The forty thieves came that night, but the thief had lied.";
        List<StoryCharacter> cast = cast(story);
        StoryCharacter thieves =
                cast.stream().filter(StoryCharacter::isGroup).findFirst().orElseThrow();
        assertEquals(thieves.id(), named(cast, "thief").memberOf(), cast.toString());
        // nobody singled out: the thief is a thief of his own
        List<StoryCharacter> apart = cast(story.replace("One of the thieves went", "A thief went"));
        assertEquals(null, named(apart, "thief").memberOf(), apart.toString());
    }

    @Test
    void aMemberCountedOutOfAGroupIsACharacterOnceNamed() {
        List<StoryCharacter> cast = cast("The king had twelve fairies at the feast. The fairies gave the child gifts."
                + " The fairies sang. The fairies danced. Then the thirteenth fairy came in, angry, and cursed the child."
                + " The twelfth of the friendly fairies softened the curse. The king thanked the fairies.");
        StoryCharacter fairies =
                cast.stream().filter(StoryCharacter::isGroup).findFirst().orElseThrow();
        StoryCharacter thirteenth = named(cast, "thirteenth fairy"), twelfth = named(cast, "twelfth fairy");
        assertEquals(fairies.id(), thirteenth.memberOf(), cast.toString());
        assertEquals(fairies.id(), twelfth.memberOf(), cast.toString());
    }

    /** A miller's two children in a wood; {@code middle} is the part the sibling tests vary. */
    private static String twoChildren(String first, String middle) {
        return "Once upon a time a miller lived by a wood with his two children, " + first + " and Greta. One day"
                + " the miller sent " + first + " and Greta into the wood. " + middle + " The children walked on,"
                + " and at last " + first + " and Greta found the way home. The children ran to the mill, and the"
                + " miller kissed the children. The two children never went into the wood again.";
    }

    @Test
    void theSisterOfABoyAndGirlPairIsTheGirl() {
        List<StoryCharacter> cast = cast(twoChildren(
                "Jakob",
                "There Jakob held the hand of his little sister. The sister cried, and Jakob comforted her. The two"
                        + " children slept under a tree. In the morning Greta woke first, and she sang a song. The"
                        + " sister was hungry, so Jakob gave her bread."));
        StoryCharacter greta = named(cast, "Greta");
        assertTrue(greta.aliases().stream().anyMatch(a -> a.endsWith("sister")), cast.toString());
        assertTrue(greta.evidence().keySet().stream().anyMatch(k -> k.endsWith("sister")), greta.toString());
        assertTrue(cast.stream().noneMatch(c -> c.name().endsWith("sister")), cast.toString());
    }

    @Test
    void theSisterOfTwoGirlsOrOfSomeoneElseStaysApart() {
        // two girls: "the sister" could be either
        List<StoryCharacter> girls = cast(twoChildren(
                "Anna",
                "There Anna held the hand of her little sister. The sister cried, and Anna comforted her. The two"
                        + " children slept under a tree. In the morning Greta woke first, and she sang a song. The"
                        + " sister was hungry, so Anna gave her bread."));
        assertEquals(Gender.FEMALE, named(girls, "Greta").gender(), girls.toString());
        assertEquals(Gender.FEMALE, named(girls, "sister").gender(), girls.toString());
        assertTrue(
                girls.stream().noneMatch(c -> c.aliases().stream().anyMatch(a -> a.endsWith("sister"))),
                girls.toString());
        // a boy and a girl, but the sister is the king's
        List<StoryCharacter> king = cast(twoChildren(
                "Jakob",
                "There the children met the king's sister. The king's sister gave Jakob bread, and he bowed. In the"
                        + " morning Greta woke first, and she sang a song. Greta thanked the king's sister."));
        assertEquals(Gender.MALE, named(king, "Jakob").gender(), king.toString());
        assertTrue(
                king.stream().noneMatch(c -> c.aliases().stream().anyMatch(a -> a.contains("sister"))),
                king.toString());
    }

    @Test
    void aSisterWhoIsNotAStepSisterStaysOutOfTheStepSisters() {
        // the must-not passage: the heroine's own sister beside her two step-sisters
        List<StoryCharacter> cast = cast("Ella lived with her stepmother and her two step-sisters. The step-sisters"
                + " made Ella scrub the floors. Ella's own sister, Rosa, lived by the sea. Rosa wrote to Ella every"
                + " week. The step-sisters laughed at the letters. Rosa came to the ball, and the step-sisters went to"
                + " the ball too.");
        StoryCharacter steps = named(cast, "step-sisters");
        assertTrue(steps.isGroup(), cast.toString());
        assertEquals(2, steps.members(), cast.toString());
        StoryCharacter rosa = named(cast, "Rosa");
        assertNotEquals(steps.id(), rosa.memberOf(), cast.toString());
        assertTrue(rosa.aliases().stream().noneMatch(a -> a.contains("step")), cast.toString());
        assertEquals(Gender.FEMALE, rosa.gender(), cast.toString());
    }

    /** The miller's two children; {@code introduction} ends the first sentence, after "had two children". */
    private static String millersChildren(String introduction) {
        return "The miller and his wife had two children" + introduction + " The two children played by the mill"
                + " every day. Lotte climbed the willow, and Benno fished in the race. The two children were happy."
                + " One day Lotte found a silver key, and Benno found the lock. The two children opened the old chest"
                + " together. Inside lay a map, and the two children followed it to the sea. The two children never"
                + " came back.";
    }

    @Test
    void asManyNamesAsTheGroupCountsGivenBesideItAreItsMembers() {
        List<StoryCharacter> cast = cast(millersChildren(", a girl named Lotte and a boy they called Benno."));
        StoryCharacter children = named(cast, "two children");
        assertEquals(children.id(), named(cast, "Lotte").memberOf(), cast.toString());
        assertEquals(children.id(), named(cast, "Benno").memberOf(), cast.toString());
        // three names for two children: which two is not said
        List<StoryCharacter> three = cast(millersChildren(", and at the market the two children met a girl named"
                + " Lotte, a boy called Benno and a woman named Greet. Greet sang to the children, and Greet"
                + " laughed."));
        assertNull(named(three, "Lotte").memberOf(), three.toString());
        assertNull(named(three, "Benno").memberOf(), three.toString());
    }

    @Test
    void anOrdinalWithoutAGroupOfItsNounIsNobody() {
        // a second man and a first soldier, once each, in a story with no band of men or soldiers
        List<StoryCharacter> cast = cast("Anna walked to the market on the second day. A second man sold her bread."
                + " Anna paid the second man and went home. The first soldier at the gate waved. Anna smiled."
                + " Anna baked the bread. Anna ate the bread. Anna slept.");
        assertTrue(
                cast.stream()
                        .noneMatch(c -> c.name().contains("second") || c.name().contains("first")),
                cast.toString());
    }

    @Test
    void aBareSuperlativeFarFromAnyFamilyIsNobody() {
        // the youngest of the fairies, pages before the only family group: nobody the reader can tell
        List<StoryCharacter> cast = cast("The fairies came to the christening. The youngest gave her beauty."
                + " The fairies sat at the table. The youngest spoke again and gave her grace. The fairies left."
                + " The queen thanked the fairies. The king thanked the fairies. The queen smiled. The king smiled."
                + " Years later the princess had two sons. The two sons played in the garden with the princess."
                + " The two sons grew tall. The princess loved the two sons.");
        assertTrue(cast.stream().anyMatch(c -> c.isGroup() && c.name().contains("sons")), "a family is there: " + cast);
        assertTrue(cast.stream().noneMatch(c -> c.name().contains("youngest")), cast.toString());
    }

    @Test
    void birdsThatActAreCharactersAndTwoDovesAreNotTheTwoSisters() {
        List<StoryCharacter> cast = cast("Ella lived with her two sisters. A little bird sat in the hazel tree."
                + " Two turtle-doves flew down to the kitchen. The turtle-doves picked the lentils, and the bird"
                + " threw down a silver dress. The two sisters went to the ball. The turtle-doves sang to Ella."
                + " The sisters laughed at Ella. Ella thanked the bird. The two turtle-doves flew away.");
        StoryCharacter sisters = named(cast, "sisters"), doves = named(cast, "turtle-doves");
        assertNotEquals(sisters, doves, cast.toString());
        assertEquals(2, doves.members(), cast.toString());
        assertFalse(named(cast, "bird").isGroup());
    }

    @Test
    void fliesThatComeBackAreABandOfBeastsTheVerbIsNoOne() {
        // the valiant little tailor's flies, who would not be turned away, were no one
        List<StoryCharacter> cast = cast("The tailor spread jam on his bread. The flies smelled the jam and came down."
                + " The tailor drove the flies away. The flies, however, came back again. The tailor struck them.");
        StoryCharacter flies = named(cast, "flies");
        assertTrue(flies.isGroup(), cast.toString());
        assertEquals("fly", StoryCues.animal(flies), cast.toString());
        List<StoryCharacter> verb = cast("Time flies, said the tailor. The tailor flies to the city. The tailor"
                + " sews. The tailor flies home.");
        assertTrue(verb.stream().noneMatch(c -> c.name().contains("flies")), verb.toString());
    }

    @Test
    void aGroupTakesNoSingularPronoun() {
        List<StoryCharacter> cast = cast("The two sisters came into the kitchen. She was tired."
                + " The sisters sat down. She was hungry. The two sisters ate bread. She smiled at them.");
        StoryCharacter sisters = named(cast, "sisters");
        MentionIndex index =
                MentionIndex.build("The two sisters came into the kitchen. She was tired. The sisters sat down.", cast);
        assertTrue(index.sentencesMentioning(sisters.id(), true).equals(List.of(0, 2)), cast.toString());
    }

    @Test
    void theBandIsOneGroupUnderEitherWordAndItsCaptainIsAMember() {
        List<StoryCharacter> cast = cast("The Forty Thieves rode into the forest."
                + " The captain of the robbers called to his band. The robbers hid their gold in the cave."
                + " The captain of the robbers spoke the magic words. The thieves waited outside."
                + " Later the captain of the robbers rode to the town, and the robbers followed him.");
        StoryCharacter band = named(cast, "robbers");
        assertEquals(band, named(cast, "thieves"), cast.toString());
        assertEquals(40, band.members());
        assertEquals(band.id(), named(cast, "captain of the robbers").memberOf());
    }

    @Test
    void aSubgroupTheTextSetsApartStaysApart() {
        List<StoryCharacter> cast = cast("The king had three sons. The three sons rode out one by one."
                + " The elder sons laughed at the youngest. The elder sons were proud and the three sons quarrelled."
                + " The king waited for his sons. The elder sons came back first.");
        StoryCharacter all = named(cast, "three sons");
        StoryCharacter elder = named(cast, "elder sons");
        assertNotEquals(all, elder, cast.toString());
        assertEquals(3, all.members());
    }

    @Test
    void daughtersCountedAsTheSistersAreTheSistersButLordsAreNot() {
        List<StoryCharacter> cast = cast("The widow had two daughters. The two daughters were proud."
                + " Cinderella served the two sisters. The two sisters laughed at Cinderella."
                + " Cinderella combed the hair of the two sisters, and two lords bowed to them.");
        assertEquals(named(cast, "two daughters"), named(cast, "two sisters"), cast.toString());
        assertEquals(Gender.FEMALE, named(cast, "two sisters").gender());
        assertTrue(cast.stream().noneMatch(c -> c.aliases().contains("two lords")), cast.toString());
    }

    @Test
    void namesTheStoryKeepsJoiningAreThePairsMembers() {
        List<StoryCharacter> cast = cast("Hansel and Grettel were the woodcutter's two children."
                + " The children were hungry. Hansel and Grettel walked into the wood, and the children got lost."
                + " Hansel said they would find the way. Grettel cried. The children slept under a tree."
                + " In the morning the children woke, and the children walked on.");
        StoryCharacter children = named(cast, "children");
        assertEquals(2, children.members(), cast.toString());
        assertEquals(children.id(), named(cast, "Hansel").memberOf());
        assertEquals(children.id(), named(cast, "Grettel").memberOf());
    }

    @Test
    void peopleInGeneralAreNoGroup() {
        // no determiner: thieves in general; "the men" uncounted: whoever is about
        List<StoryCharacter> cast = cast("Thieves are hanged in that country. Anna told Boris so."
                + " The men at the inn laughed. Boris said thieves were clever. The men drank."
                + " Anna laughed at the men. The men went home, and Boris went with the men.");
        assertFalse(anyGroup(cast), cast.toString());
    }

    @Test
    void aPluralSaidOnceOrTwiceIsNoCharacter() {
        List<StoryCharacter> cast = cast("The old miller ground the corn. The two soldiers passed the mill."
                + " The miller waved. The miller's cat slept. The miller sang all day long.");
        assertFalse(anyGroup(cast), cast.toString());
    }

    @Test
    void aGroupWithoutACountHasZeroMembersAndAPersonHasNone() {
        List<StoryCharacter> cast = cast(
                "The fairies came to the feast. The king thanked the fairies."
                        + " The fairies gave gifts. The king's daughter smiled at the fairies. The king laughed. The king sang.");
        StoryCharacter fairies = named(cast, "fairies");
        assertEquals(0, fairies.members(), cast.toString());
        assertNull(named(cast, "king").members());
        assertNull(named(cast, "king").memberOf());
    }

    @Test
    void guidesAndClimbersAreBandsOfPeople() {
        // a mountain hut of my own: "three guides led by Marco Bellini … the guides arrived … The guides took them
        // both down" were no one
        List<StoryCharacter> cast = cast("Ingrid kept the hut. The radio called three guides led by Marco Bellini."
                + " Ingrid waited. In the morning the guides arrived. Marco laughed. The guides took them both down."
                + " Ingrid slept.");
        StoryCharacter guides = named(cast, "guides");
        assertTrue(guides.isGroup(), cast.toString());
        assertEquals(3, guides.members(), cast.toString());
    }

    @Test
    void aFamilysTwinsAreAGroupOfTwo() {
        List<StoryCharacter> cast = cast("Kit sat down. The Dobson twins sat behind us. Kit laughed. The Dobson twins"
                + " won nothing, and Kit won the prize. Kit left.");
        StoryCharacter twins = named(cast, "twins");
        assertTrue(twins.isGroup(), cast.toString());
        assertEquals(2, twins.members(), cast.toString());
    }

    @Test
    void aCourtGatheredOrSpokenToIsABandOfCourtiersOneThatIsAPlaceIsNoOne() {
        // the water of life's "his court", gathered and spoken to in three sentences, was no one
        String story = "The old king was angry with his son. He called his court together and asked what should be"
                + " done. The prince rode away. The king said to his court, \u2018Forgive me.\u2019 At last the king"
                + " gathered together his court for the wedding.";
        List<StoryCharacter> cast = cast(story);
        StoryCharacter court = named(cast, "court");
        assertTrue(court.isGroup(), cast.toString());
        assertEquals(
                "courtier",
                StoryCues.of(story, court, cast).stream()
                        .filter(c -> c.kind().equals("station"))
                        .findFirst()
                        .orElseThrow()
                        .value());
        // a court the story only goes to is a place
        List<StoryCharacter> place = cast("The old king was angry with his son. He rode to his court. The prince rode"
                + " away. The king came back to his court. At last the king sat in his court.");
        assertTrue(place.stream().noneMatch(c -> c.name().contains("court")), place.toString());
    }
}
