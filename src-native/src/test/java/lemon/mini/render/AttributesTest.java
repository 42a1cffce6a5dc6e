package lemon.mini.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import lemon.mini.render.Attributes.Age;
import lemon.mini.render.Attributes.ClothingType;
import lemon.mini.render.Attributes.FacialHair;
import lemon.mini.render.Attributes.Gender;
import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void samplerOnlyDrawsPlausibleCharactersAndCoversEveryValue() {
        Random r = new Random(3);
        Set<Enum<?>> seen = new HashSet<>();
        for (int i = 0; i < 20000; i++) {
            Attributes a = Attributes.random(r);
            assertTrue(a.isPlausible(), a + " " + a.violations());
            if (!a.isMale() || a.age() == Age.CHILD) assertEquals(FacialHair.NONE, a.facialHair());
            if (a.isMale()) assertNotEquals(ClothingType.DRESS, a.clothing());
            seen.addAll(java.util.List.of(
                    a.gender(),
                    a.age(),
                    a.skinTone(),
                    a.hairStyle(),
                    a.hairColour(),
                    a.facialHair(),
                    a.clothing(),
                    a.clothingColour(),
                    a.headwear(),
                    a.accessory(),
                    a.background(),
                    a.style()));
        }
        int all = 0;
        for (Class<? extends Enum<?>> e : java.util.List.<Class<? extends Enum<?>>>of(
                Gender.class,
                Age.class,
                Attributes.SkinTone.class,
                Attributes.HairStyle.class,
                Attributes.HairColour.class,
                FacialHair.class,
                ClothingType.class,
                Attributes.Colour.class,
                Attributes.Headwear.class,
                Attributes.Accessory.class,
                Attributes.Background.class,
                Attributes.Style.class)) all += e.getEnumConstants().length;
        assertEquals(all, seen.size(), "every attribute value should occur");
    }

    @Test
    void violationsAreReported() {
        Attributes bearded = Attributes.random(new Random(1));
        Attributes girl = new Attributes(
                Gender.FEMALE,
                Age.CHILD,
                bearded.skinTone(),
                Attributes.HairStyle.LONG,
                Attributes.HairColour.BROWN,
                FacialHair.BEARD,
                ClothingType.ARMOUR,
                bearded.clothingColour(),
                Attributes.Headwear.NONE,
                Attributes.Accessory.SWORD,
                bearded.background(),
                bearded.style());
        assertFalse(girl.isPlausible());
        assertEquals(2, girl.violations().size(), girl.violations().toString());
    }

    @Test
    void samplerIsDeterministicAndBackgroundNamesParse() {
        assertEquals(Attributes.random(new Random(8)), Attributes.random(new Random(8)));
        assertEquals(Attributes.Background.CASTLE_WALL, Attributes.Background.parse("castle wall"));
        assertEquals(Attributes.Background.NIGHT_SKY, Attributes.Background.parse("night-sky"));
        assertEquals(EnumSet.allOf(Attributes.Colour.class).size(), 8);
    }
}
