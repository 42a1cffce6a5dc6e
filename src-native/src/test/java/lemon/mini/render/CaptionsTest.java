package lemon.mini.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaptionsTest {
    static final Pattern MALE = Pattern.compile("\\b(man|boy)\\b"), FEMALE = Pattern.compile("\\b(woman|girl)\\b");

    static boolean hasWord(String text, String word) {
        return Pattern.compile("\\b" + word + "\\b").matcher(text).find();
    }

    @Test
    void portraitCaptionsAlwaysNameGenderHairColourAndClothingColour() {
        Random r = new Random(1);
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            Attributes a = Attributes.random(r);
            String c = Captions.portraitCaption(a, r);
            distinct.add(c);
            Pattern own = a.isMale() ? MALE : FEMALE, other = a.isMale() ? FEMALE : MALE;
            assertTrue(own.matcher(c).find(), c);
            assertFalse(other.matcher(c).find(), c);
            assertTrue(hasWord(c, a.hairColour().word()), c);
            assertTrue(hasWord(c, a.clothingColour().word()), c);
            assertFalse(c.contains("  ") || c.contains(" ,") || c.endsWith(" "), c);
        }
        assertTrue(distinct.size() > 2900, "captions should vary: " + distinct.size());
    }

    @Test
    void sameCharacterGetsVariedWording() {
        Attributes a = Attributes.random(new Random(4));
        Set<String> seen = new HashSet<>();
        Random r = new Random(5);
        for (int i = 0; i < 50; i++) seen.add(Captions.portraitCaption(a, r));
        assertTrue(seen.size() >= 10, seen.toString());
    }

    @Test
    void sceneCaptionsNameEveryPersonAndTheHandedItem() {
        Random r = new Random(2);
        for (int i = 0; i < 1000; i++) {
            int k = 1 + r.nextInt(3);
            List<Attributes> people = new java.util.ArrayList<>();
            for (int j = 0; j < k; j++) people.add(Attributes.random(r));
            Action action = Action.values()[r.nextInt(Action.values().length)];
            if (k == 1 && action.item() != null) action = Action.STAND_TOGETHER;
            String c = Captions.sceneCaption(people, action, r);
            for (Attributes p : people) {
                assertTrue((p.isMale() ? MALE : FEMALE).matcher(c).find(), c);
                assertTrue(hasWord(c, p.hairColour().word()), c);
                assertTrue(hasWord(c, p.clothingColour().word()), c);
            }
            if (action.item() != null) assertTrue(c.contains(action.item().phrase), c);
        }
    }
}
