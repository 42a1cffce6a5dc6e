package lemon.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.Scene;
import org.junit.jupiter.api.Test;

class SceneComposerTest {
    /** The scene whose prompt starts with these words, from a story of one scene per sentence. */
    private static String scene(String story, String start) {
        OfflineAnalyst analyst = new OfflineAnalyst();
        List<Scene> scenes = analyst.analyze(story, 30).scenes();
        return scenes.stream()
                .map(Scene::prompt)
                .filter(p -> p.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError(start + " not in " + scenes));
    }

    @Test
    void theNarratorsThingsAreTheNarrators() {
        // "My sister Mei Lin said …" was "The narrator sister Mei Lin said …"
        String story = "I was eleven that summer. My sister Mei Lin laughed at the kite. I ran along the roof. Mei Lin"
                + " held the string. I let go. I watched it fly.";
        String sister = scene(story, "The narrator's sister");
        assertTrue(sister.contains("Mei Lin laughed"), sister);
    }

    @Test
    void aPromptCutShortEndsWhereAClauseDoesAndAnUnsaidQuoteIsItsSpeakers() {
        String story = "Vasquez flew the ship. Vasquez was a compact woman with cropped silver hair and a scar across"
                + " her left eyebrow, and she never took off her flight jacket. Vasquez swore. \"Boateng, suit up.\""
                + " Boateng grinned.";
        // it was "… and a scar across her left eyebrow and she never took"
        String look = scene(story, "Vasquez was");
        assertTrue(look.endsWith("across her left eyebrow"), look);
        // it was "Suit up with Boateng": the quote names whom it is said to; Vasquez, the sentence before's, says it
        String suit = scene(story, "Vasquez speaks");
        assertTrue(suit.equals("Vasquez speaks with Boateng"), suit);
        // a long clause cut after five words has said what it does and keeps them; "and" inside a thing is no cut
        String dress = scene(
                "Ella sat by the grave. Ella's friend the bird flew out of the tree and brought a gold and silver dress"
                        + " for her, and slippers of spangled silk. Ella wept.",
                "Ella's friend");
        assertTrue(dress.contains("brought a gold and silver dress"), dress);
        // "That evening …" is the sentence's main clause, no subordinate one: it was "A widow who wore black lace and
        // never smiled with Lady Margaret"
        String ring = scene(
                "Lady Margaret dined. That evening a diamond ring vanished from the room of Lady Margaret, a widow who"
                        + " wore black lace. Lady Margaret wept.",
                "That evening");
        assertTrue(ring.contains("a diamond ring vanished from the room of Lady Margaret"), ring);
    }

    @Test
    void aColourBeforeARoleIsKeptAndAnObjectHerIsNoOwner() {
        String story = "Mirela walked into the wood. At last Mirela met a red fox on a fallen tree. The fox spoke to"
                + " Mirela. The fox led Mirela home. The fairy gave her nothing, and Mirela wept. Mirela slept.";
        // "a red the fox": "red" read as a past tense
        String met = scene(story, "At last");
        assertTrue(met.contains("met a red fox"), met);
        // "gave the … 's nothing": an object "her" is no possessive
        String gave = scene(story, "The fairy");
        assertTrue(gave.contains("gave Mirela nothing"), gave);
        String slowly = scene(
                "Mirela called the fox. The fox spoke to her slowly and calmly. Mirela laughed. The fox slept.",
                "The fox spoke");
        assertTrue(slowly.contains("spoke to Mirela slowly"), slowly);
    }

    @Test
    void herBeforeARoleIsItsOwnerButNotBeforeAPronoun() {
        String story = "Greta ran the inn. Her cook, a stout man named Piet, baked bread. Piet told her he would stay."
                + " Greta laughed. Piet sang.";
        String cook = scene(story, "Greta's cook");
        assertTrue(cook.contains("named Piet"), cook);
        // aladdin's "He told her he loved the Princess" became "… told Aladdin's mother's he loved"
        String told = scene(story, "Piet told");
        assertTrue(told.startsWith("Piet told Greta he would stay"), told);
    }

    @Test
    void aRoleAfterAnOwnerOrAfterItsOwnNameIsWrittenWithoutAnotherArticle() {
        String story = "The caliph ruled Basra. That evening the Caliph's guards came to the market. The guards"
                + " seized Yusuf. Yusuf wept. The guards laughed. The caliph made Yusuf the royal potter. Yusuf sang."
                + " The royal potter baked pots.";
        // "the caliph's the guards"
        String came = scene(story, "That evening");
        assertTrue(came.contains("the caliph's guards came"), came);
        // "The caliph made Yusuf Yusuf"
        String made = scene(story, "The caliph made");
        assertTrue(made.contains("made Yusuf the royal potter"), made);
    }

    @Test
    void herOwnIsAnIdiomNotAName() {
        // "a proud woman with two daughters of her own" became "… of Mirela's own"
        String story = "Mirela lived with her father. The stepmother came with two daughters of her own."
                + " The stepmother scolded Mirela. The stepmother laughed. Mirela wept.";
        String came = scene(story, "The stepmother came");
        assertTrue(came.contains("of her own"), came);
    }

    @Test
    void speechAloneIsTheSpeakerSpeaking() {
        // "Asked the fox" was the prompt of '"Why do you weep, child?" asked the fox.'
        String story = "Mirela walked into the wood. Mirela met a fox. \"Why do you weep, child?\" asked the fox."
                + " The fox led Mirela home. Mirela slept.";
        List<Scene> scenes = new OfflineAnalyst().analyze(story, 30).scenes();
        assertTrue(scenes.stream().anyMatch(sc -> sc.prompt().equals("The fox speaks")), scenes.toString());
        assertTrue(scenes.stream().noneMatch(sc -> sc.prompt().startsWith("Asked")), scenes.toString());
    }

    @Test
    void aNameTakesTheRolesPlaceWithoutItsArticle() {
        // "Said the Briar Rose", "how the Grettel sobbed", "telephoned the Mr Fell"
        String story = "There lived a princess called Rosa. Rosa walked in the castle. \"What is this?\" said the"
                + " princess. Rosa took the spindle. Rosa slept.";
        assertTrue(scene(story, "Rosa speaks").equals("Rosa speaks"), story);
        // a role the same sentence names stays as written: not "Ali Baba Ali Baba had married", "Curdken's name was
        // Curdken"
        String brothers = "There were two brothers. The elder, Cassim, married a rich wife. The younger, Ali Baba, had"
                + " married a poor wife. Cassim laughed. Ali Baba cut wood. Ali Baba sang.";
        assertTrue(scene(brothers, "The younger").startsWith("The younger Ali Baba had married"), brothers);
        String youth = "A youth kept the geese. The youth's name was Curdken, and the girl helped him. Curdken sang."
                + " Curdken ran. Curdken slept.";
        assertTrue(scene(youth, "The youth").startsWith("The youth's name was Curdken"), youth);
        String radio = "The radio crackled. Ines called for help. Her name was Ines Morales, and her boat was sinking."
                + " Ines waited. Ines slept.";
        assertTrue(scene(radio, "Her name").startsWith("Her name was Ines"), radio);
        String role = "The fox lived in the wood. \"What is this?\" said the fox. The fox ran. The fox slept.";
        assertTrue(scene(role, "The fox").startsWith("The fox"), role);
    }

    @Test
    void aSurnameBeforeARoleQualifiesIt() {
        // "the Baxter the twins"
        String story =
                "The Baxter twins flew a kite. The twins ran. The twins laughed at the wind. The twins went home.";
        String flew = scene(story, "The Baxter");
        assertTrue(flew.startsWith("The Baxter twins flew"), flew);
    }
}
