package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import lemon.mini.render.Attributes;
import lemon.mini.render.Attributes.HairColour;
import lemon.mini.render.DescriptionAttributes;
import org.junit.jupiter.api.Test;

/** Issue 14's training pairs: each character has what its C.D.-register description states. */
class DescribedPortraitsTest {
    @Test
    void everyCharacterHasWhatItsDescriptionStates() {
        Random r = new Random(5);
        Set<HairColour> middleAgedHair = EnumSet.noneOf(HairColour.class);
        int hats = 0;
        for (int i = 0; i < 300; i++) {
            DescribedPortraits.Described d = DescribedPortraits.draw(r);
            Attributes a = d.attributes();
            DescriptionAttributes s = DescriptionAttributes.parse(d.description());
            assertTrue(a.isPlausible(), a.violations() + " for " + d.description());
            if (s.gender() != null) assertEquals(s.gender(), a.gender(), d.description());
            if (s.age() != null) assertEquals(s.age(), a.age(), d.description());
            if (s.hair() != null) assertEquals(s.hair(), a.hairColour(), d.description());
            if (s.clothing() != null) assertEquals(s.clothing(), a.clothingColour(), d.description());
            if (s.headwear() != null) assertEquals(s.headwear(), a.headwear(), d.description());
            if (s.skin() != null) assertEquals(s.skin(), a.skinTone(), d.description());
            if (a.age() == Attributes.Age.MIDDLE_AGED) middleAgedHair.add(a.hairColour());
            if (s.headwear() == Attributes.Headwear.HAT) hats++;
        }
        // what the world's own draw makes rare: greying descriptions of the middle-aged keep their colour
        assertTrue(
                middleAgedHair.containsAll(
                        EnumSet.of(HairColour.BLACK, HairColour.BROWN, HairColour.BLONDE, HairColour.RED)),
                middleAgedHair.toString());
        assertTrue(hats > 5, "the describer's caps and hats are painted: " + hats + " of 300");
    }

    @Test
    void theSameSeedDrawsTheSamePair() {
        assertEquals(DescribedPortraits.draw(new Random(9)), DescribedPortraits.draw(new Random(9)));
    }
}
