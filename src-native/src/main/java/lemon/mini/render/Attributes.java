package lemon.mini.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a lemon-mini character looks like. Every field is a small closed vocabulary so that the
 * renderer can draw it, the captioner can name it and models can be conditioned on it.
 */
public record Attributes(
        Gender gender,
        Age age,
        SkinTone skinTone,
        HairStyle hairStyle,
        HairColour hairColour,
        FacialHair facialHair,
        ClothingType clothing,
        Colour clothingColour,
        Headwear headwear,
        Accessory accessory,
        Background background,
        Style style) {

    public enum Gender {
        MALE,
        FEMALE
    }

    public enum Age {
        CHILD,
        YOUNG_ADULT,
        MIDDLE_AGED,
        OLD
    }

    public enum SkinTone {
        PALE(0xF6DCC8),
        LIGHT(0xEEC09A),
        TAN(0xD69E70),
        OLIVE(0xBE8C5C),
        BROWN(0x8C5A37),
        DARK(0x5E3C26);
        public final int rgb;

        SkinTone(int rgb) {
            this.rgb = rgb;
        }
    }

    public enum HairStyle {
        SHORT,
        LONG,
        CURLY,
        BALD,
        PONYTAIL,
        BRAIDS,
        BUN
    }

    public enum HairColour {
        BLACK(0x1E1A1A),
        BROWN(0x6A3E1E),
        BLONDE(0xE6C66A),
        RED(0xB8461C),
        GREY(0x9A9A9E),
        WHITE(0xEEEEEA);
        public final int rgb;

        HairColour(int rgb) {
            this.rgb = rgb;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum FacialHair {
        NONE,
        MOUSTACHE,
        BEARD
    }

    public enum ClothingType {
        TUNIC,
        DRESS,
        ROBE,
        COAT,
        ARMOUR,
        SHIRT;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Clothing palette; strong, well separated colours so they survive 32 px and watercolour. */
    public enum Colour {
        RED(0xC42828),
        BLUE(0x2850C0),
        GREEN(0x2A8C3C),
        YELLOW(0xE8C832),
        PURPLE(0x7A3296),
        BLACK(0x222226),
        WHITE(0xF0F0EA),
        BROWN(0x7E4E24);
        public final int rgb;

        Colour(int rgb) {
            this.rgb = rgb;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The palette colour nearest (in RGB) to a measured colour. */
        public static Colour nearest(int rgb) {
            Colour best = null;
            double bestD = Double.MAX_VALUE;
            for (Colour c : values()) {
                double d = distance(c.rgb, rgb);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            return best;
        }

        public static double distance(int a, int b) {
            int dr = ((a >> 16) & 255) - ((b >> 16) & 255);
            int dg = ((a >> 8) & 255) - ((b >> 8) & 255);
            int db = (a & 255) - (b & 255);
            return Math.sqrt(dr * dr + dg * dg + db * db);
        }
    }

    public enum Headwear {
        NONE,
        CROWN,
        HAT,
        HOOD,
        TURBAN,
        HEADSCARF
    }

    public enum Accessory {
        NONE,
        NECKLACE,
        EARRINGS,
        GLASSES,
        SWORD,
        STAFF,
        SCARF
    }

    public enum Background {
        PLAIN_SAGE,
        PLAIN_BLUE,
        PLAIN_GREY,
        PLAIN_LILAC,
        FOREST,
        CASTLE_WALL,
        NIGHT_SKY,
        MARKET;

        /** Accepts "FOREST", "forest", "castle wall", "night-sky". */
        public static Background parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        }
    }

    public enum Style {
        FLAT,
        WATERCOLOUR
    }

    public boolean isMale() {
        return gender == Gender.MALE;
    }

    /** Plausibility rules the sampler respects; returns the broken ones (empty when fine). */
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        boolean child = age == Age.CHILD;
        if (facialHair != FacialHair.NONE && (!isMale() || child)) v.add("facial hair only on adult men");
        if (clothing == ClothingType.DRESS && isMale()) v.add("no dresses on men");
        if (headwear == Headwear.HEADSCARF && isMale()) v.add("headscarves are worn by women");
        if (hairStyle == HairStyle.BALD && (!isMale() || child)) v.add("only adult men are bald");
        if ((hairStyle == HairStyle.BRAIDS || hairStyle == HairStyle.BUN) && isMale())
            v.add("braids and buns are worn by women");
        if (hairColour == HairColour.GREY && (age == Age.CHILD || age == Age.YOUNG_ADULT))
            v.add("grey hair only from middle age");
        if (hairColour == HairColour.WHITE && age != Age.OLD) v.add("white hair only when old");
        if (child && (clothing == ClothingType.ARMOUR || accessory == Accessory.SWORD || accessory == Accessory.STAFF))
            v.add("children carry no arms or armour");
        return v;
    }

    public boolean isPlausible() {
        return violations().isEmpty();
    }

    /** Draws a plausible character: each field is chosen given the ones already chosen. */
    public static Attributes random(Random r) {
        Gender g = r.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        boolean male = g == Gender.MALE;
        Age age = pick(r, Age.values(), 15, 35, 30, 20);
        SkinTone skin = SkinTone.values()[r.nextInt(SkinTone.values().length)];

        HairStyle style = male
                ? pick(r, HairStyle.values(), 50, 10, 20, age == Age.CHILD ? 0 : (age == Age.OLD ? 35 : 10), 5, 0, 0)
                : pick(r, HairStyle.values(), 0, 40, 15, 0, 15, 15, 15);
        HairColour hair = switch (age) {
            case CHILD, YOUNG_ADULT -> pick(r, HairColour.values(), 30, 30, 25, 15, 0, 0);
            case MIDDLE_AGED -> pick(r, HairColour.values(), 25, 25, 15, 10, 25, 0);
            case OLD -> pick(r, HairColour.values(), 5, 5, 5, 5, 40, 40);
        };
        FacialHair facial = male && age != Age.CHILD
                ? pick(r, FacialHair.values(), 45, 20, age == Age.OLD ? 50 : 35)
                : FacialHair.NONE;
        ClothingType clothing;
        if (age == Age.CHILD) {
            clothing = male
                    ? pick(r, ClothingType.values(), 40, 0, 10, 20, 0, 30)
                    : pick(r, ClothingType.values(), 20, 50, 5, 10, 0, 15);
        } else {
            clothing = male
                    ? pick(r, ClothingType.values(), 25, 0, 20, 20, 15, 20)
                    : pick(r, ClothingType.values(), 12, 45, 15, 12, 4, 12);
        }
        Colour colour = Colour.values()[r.nextInt(Colour.values().length)];
        Headwear head = male
                ? pick(r, Headwear.values(), 55, 8, 15, 12, 10, 0)
                : pick(r, Headwear.values(), 60, 10, 8, 8, 4, 10);
        Accessory acc = age == Age.CHILD
                ? pick(r, Accessory.values(), 55, 10, 10, 10, 0, 0, 15)
                : pick(r, Accessory.values(), 35, male ? 5 : 15, male ? 3 : 15, 12, male ? 15 : 4, 10, 10);
        Background bg = Background.values()[r.nextInt(Background.values().length)];
        Style st = r.nextInt(3) == 0 ? Style.WATERCOLOUR : Style.FLAT;
        return new Attributes(g, age, skin, style, hair, facial, clothing, colour, head, acc, bg, st);
    }

    /** Weighted choice; weights line up with the enum's constants. */
    static <T> T pick(Random r, T[] values, int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        int x = r.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) return values[i];
        }
        throw new IllegalStateException("weights do not cover the values");
    }

    public Attributes withStyle(Style s) {
        return new Attributes(
                gender,
                age,
                skinTone,
                hairStyle,
                hairColour,
                facialHair,
                clothing,
                clothingColour,
                headwear,
                accessory,
                background,
                s);
    }

    public Attributes withBackground(Background b) {
        return new Attributes(
                gender,
                age,
                skinTone,
                hairStyle,
                hairColour,
                facialHair,
                clothing,
                clothingColour,
                headwear,
                accessory,
                b,
                style);
    }
}
