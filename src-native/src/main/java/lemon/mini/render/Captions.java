package lemon.mini.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import lemon.mini.render.Attributes.Accessory;
import lemon.mini.render.Attributes.FacialHair;
import lemon.mini.render.Attributes.HairStyle;
import lemon.mini.render.Attributes.Headwear;

/**
 * Captions in the register of an LLM's appearance description. Wording, order and optional
 * details vary with the random source, but the gender noun, the hair colour word and the
 * clothing colour word are always present: later evaluation checks exactly those.
 */
public final class Captions {
    private Captions() {}

    public static String portraitCaption(Attributes a, Random r) {
        StringBuilder sb = new StringBuilder(subject(a, r));
        List<String> parts = new ArrayList<>();
        parts.add(hairPhrase(a, r));
        parts.add(clothingPhrase(a, r));
        String head = headwearPhrase(a, r);
        if (head != null) parts.add(head);
        String acc = accessoryPhrase(a, r);
        if (acc != null) parts.add(acc);
        // hair first or clothing first; extras keep their place after those two
        if (r.nextBoolean()) Collections.swap(parts, 0, 1);
        if (r.nextInt(4) == 0) { // now and then the skin, folded into the "with …" phrase
            int h = parts.get(0).startsWith("with ") ? 0 : 1;
            parts.set(h, "with " + skinPhrase(a) + " and " + parts.get(h).substring(5));
        }
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            boolean verb = p.startsWith("wearing")
                    || p.startsWith("holding")
                    || p.startsWith("carrying")
                    || p.startsWith("leaning")
                    || p.startsWith("clad")
                    || p.startsWith("dressed")
                    || p.startsWith("clothed");
            sb.append(i == 0 ? " " : i == parts.size() - 1 && !verb ? " and " : ", ");
            sb.append(p);
        }
        return sb.toString();
    }

    /** "an old man", "a woman in her forties", "a little girl", "a young man with fair skin". */
    static String subject(Attributes a, Random r) {
        boolean m = a.isMale();
        String[] options = switch (a.age()) {
            case CHILD ->
                m
                        ? new String[] {"a young boy", "a little boy", "a boy"}
                        : new String[] {"a young girl", "a little girl", "a girl"};
            case YOUNG_ADULT ->
                m
                        ? new String[] {"a young man", "a man in his twenties", "a youthful man"}
                        : new String[] {"a young woman", "a woman in her twenties", "a youthful woman"};
            case MIDDLE_AGED ->
                m
                        ? new String[] {"a middle-aged man", "a man in his forties", "a man in his fifties"}
                        : new String[] {"a middle-aged woman", "a woman in her forties", "a woman in her fifties"};
            case OLD ->
                m
                        ? new String[] {"an old man", "an elderly man", "an aged man"}
                        : new String[] {"an old woman", "an elderly woman", "an aged woman"};
        };
        return options[r.nextInt(options.length)];
    }

    private static String pronoun(Attributes a) {
        return a.isMale() ? "his" : "her";
    }

    static String hairPhrase(Attributes a, Random r) {
        String c = a.hairColour().word();
        String hair = switch (a.hairStyle()) {
            case SHORT -> pickOf(r, "short " + c + " hair", "cropped " + c + " hair", c + " hair cut short");
            case LONG ->
                pickOf(
                        r,
                        "long " + c + " hair",
                        "long, flowing " + c + " hair",
                        c + " hair falling past " + pronoun(a) + " shoulders");
            case CURLY -> pickOf(r, "curly " + c + " hair", c + " curls", "a mop of curly " + c + " hair");
            case BALD ->
                pickOf(
                        r,
                        "a bald head fringed with " + c + " hair",
                        "a balding head and " + c + " hair at the temples");
            case PONYTAIL -> pickOf(r, c + " hair tied in a ponytail", "a " + c + " ponytail");
            case BRAIDS -> pickOf(r, c + " hair in two braids", "two long " + c + " braids");
            case BUN -> pickOf(r, c + " hair pinned up in a bun", "a neat " + c + " bun");
        };
        String with = "with " + hair;
        if (a.facialHair() == FacialHair.BEARD)
            with += pickOf(r, " and a " + c + " beard", " and a full " + c + " beard");
        else if (a.facialHair() == FacialHair.MOUSTACHE)
            with += pickOf(r, " and a " + c + " moustache", " and a thick moustache");
        if (a.hairStyle() == HairStyle.BALD && a.facialHair() == FacialHair.BEARD && r.nextBoolean())
            with = "with a bald head and a " + c + " beard";
        return with;
    }

    static String clothingPhrase(Attributes a, Random r) {
        String colour = a.clothingColour().word();
        String item = switch (a.clothing()) {
            case TUNIC -> "tunic";
            case DRESS -> pickOf(r, "dress", "gown");
            case ROBE -> pickOf(r, "robe", "long robe");
            case COAT -> pickOf(r, "coat", "long coat");
            case ARMOUR -> "armour";
            case SHIRT -> a.isMale() ? "shirt" : pickOf(r, "shirt", "blouse");
        };
        if (a.headwear() == Headwear.HOOD && a.clothing() != Attributes.ClothingType.ARMOUR && r.nextBoolean())
            item = "hooded " + item;
        if (a.clothing() == Attributes.ClothingType.ARMOUR)
            return pickOf(
                    r,
                    "wearing steel armour under a " + colour + " tabard",
                    "clad in armour with a " + colour + " surcoat");
        String np = article(colour) + " " + colour + " " + item;
        return pickOf(r, "wearing " + np, "dressed in " + np, "in " + np, "clothed in " + np);
    }

    static String headwearPhrase(Attributes a, Random r) {
        return switch (a.headwear()) {
            case NONE -> null;
            case CROWN -> pickOf(r, "a golden crown on " + pronoun(a) + " head", "wearing a gold crown");
            case HAT -> pickOf(r, "a wide-brimmed hat", "a felt hat");
            case HOOD -> pickOf(r, "a hood drawn over " + pronoun(a) + " head", "a raised hood");
            case TURBAN -> pickOf(r, "a pale turban", "a wrapped turban");
            case HEADSCARF -> pickOf(r, "a " + accentWord(a) + " headscarf", "a headscarf");
        };
    }

    static String accessoryPhrase(Attributes a, Random r) {
        Accessory acc = a.accessory();
        return switch (acc) {
            case NONE -> null;
            case NECKLACE -> pickOf(r, "a gold necklace", "gold jewellery", "a golden pendant");
            case EARRINGS -> pickOf(r, "gold earrings", "small golden earrings");
            case GLASSES -> pickOf(r, "round glasses", "a pair of spectacles");
            case SWORD -> pickOf(r, "holding a sword", "carrying a sword", "a sword at " + pronoun(a) + " side");
            case STAFF -> pickOf(r, "holding a staff", "leaning on a wooden staff", "carrying a staff");
            case SCARF -> pickOf(r, "a scarf around " + pronoun(a) + " neck", "a bright scarf");
        };
    }

    /** The headscarf is painted in the figure's accent colour, which depends on the seed; stay vague. */
    private static String accentWord(Attributes a) {
        return "colourful";
    }

    static String skinPhrase(Attributes a) {
        return switch (a.skinTone()) {
            case PALE -> "pale skin";
            case LIGHT -> "fair skin";
            case TAN -> "tanned skin";
            case OLIVE -> "olive skin";
            case BROWN -> "brown skin";
            case DARK -> "dark skin";
        };
    }

    /**
     * Names each person briefly and says what they do: "a young woman in a blue dress hands a red
     * apple to an old man with a white beard".
     */
    public static String sceneCaption(List<Attributes> people, Action action, Random r) {
        List<String> names = new ArrayList<>();
        for (Attributes p : people) names.add(shortDescription(p, r));
        String a0 = names.get(0);
        if (people.size() == 1) {
            return a0
                    + switch (action) {
                        case LISTEN_SEATED -> " sits on a chair";
                        case TALK, ARGUE -> " speaks";
                        default -> pickOf(r, " stands alone", " stands waiting");
                    };
        }
        String a1 = names.get(1);
        String main = switch (action) {
            case STAND_TOGETHER -> pickOf(r, a0 + " stands beside " + a1, a0 + " and " + a1 + " stand side by side");
            case TALK -> pickOf(r, a0 + " talks with " + a1, a0 + " and " + a1 + " face each other, talking");
            case ARGUE -> pickOf(r, a0 + " argues with " + a1, a0 + " and " + a1 + " quarrel face to face");
            case LISTEN_SEATED ->
                pickOf(
                        r,
                        a0 + " sits on a chair and listens to " + a1,
                        a1 + " stands before " + a0 + ", who is seated");
            default ->
                pickOf(
                        r,
                        a0 + " hands " + action.item().phrase + " to " + a1,
                        a0 + " gives " + a1 + " " + action.item().phrase,
                        a0 + " offers " + action.item().phrase + " to " + a1);
        };
        if (people.size() == 3) {
            String a2 = names.get(2);
            main += pickOf(r, ", while " + a2 + " looks on", ", watched by " + a2, "; beside them stands " + a2);
        }
        return main;
    }

    /** "a young woman in a blue dress", "an old man with a white beard". Always gender, hair and clothing colour. */
    static String shortDescription(Attributes a, Random r) {
        String subject = subject(a, r);
        String clothes = clothingPhrase(a, r).replaceFirst("^(wearing|dressed in|clothed in) ", "in ");
        String hair = a.facialHair() == FacialHair.BEARD && r.nextBoolean()
                ? "with a " + a.hairColour().word() + " beard"
                : a.hairStyle() == HairStyle.BALD
                        ? "with a bald head and " + a.hairColour().word() + " hair at the temples"
                        : "with " + a.hairColour().word() + " hair";
        return r.nextBoolean() ? subject + " " + clothes + " " + hair : subject + " " + hair + " " + clothes;
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String pickOf(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static final String[] BUILDS = {
        "a lean and wiry build", "a broad, heavy build", "a slight frame", "a tall, gaunt figure", "a stocky build"
    };
    private static final String[] FACES = {
        "a hawk-nosed, weathered face",
        "commanding eyes",
        "watchful dark eyes",
        "a sharp chin and thin lips",
        "a kindly, lined face",
        "ruddy cheeks",
        "a crooked smile",
        "heavy-lidded eyes",
        "a scar across one cheek"
    };
    private static final String[] ITEMS = {
        "a curved scimitar",
        "brown leather boots",
        "a leather belt",
        "a black leather pouch",
        "a silver ring",
        "a green sash",
        "worn sandals",
        "a dagger in the belt",
        "a golden earring"
    };

    /**
     * A caption in the register describe-characters writes: long, with details the world does not
     * draw (build, face, eyes, weapons, and colours on items it does not paint: "brown leather
     * boots", "a black turban" on a pale one) as distractors, the attribute phrases in varied
     * order and place, "greying" before the real hair colour now and then. Gender, hair colour and
     * clothing colour are always stated in the world's words, as {@link #portraitCaption} does.
     */
    public static String descriptionCaption(Attributes a, Random r) {
        List<String> parts = new ArrayList<>();
        String hair = hairPhrase(a, r).substring(5); // drop "with "
        if (a.age() != Attributes.Age.CHILD && a.age() != Attributes.Age.YOUNG_ADULT && r.nextInt(3) == 0)
            hair = hair.replaceFirst(
                    "\\b" + a.hairColour().word() + "\\b",
                    "greying " + a.hairColour().word());
        String texture = pickOf(r, "tousled ", "", "", "thick ");
        parts.add(hair.startsWith("a ") ? hair : texture + hair); // not "thick a neat black bun"
        parts.add(clothingPhrase(a, r));
        String head = headwearPhrase(a, r);
        if (head != null) {
            if (a.headwear() == Headwear.TURBAN
                    && r.nextBoolean()) // descriptions colour turbans; the world paints them pale
            head = "a " + Attributes.Colour.values()[r.nextInt(Attributes.Colour.values().length)].word() + " turban";
            parts.add(head.startsWith("wearing") ? head : "wearing " + head);
        }
        String acc = accessoryPhrase(a, r);
        if (acc != null) parts.add(acc);
        if (r.nextBoolean()) parts.add(skinPhrase(a));
        int extras = 1 + r.nextInt(3);
        for (int k = 0; k < extras; k++) {
            String[] pool = k == 0 ? FACES : r.nextBoolean() ? ITEMS : BUILDS;
            parts.add(pickOf(r, pool));
        }
        Collections.shuffle(parts.subList(0, parts.size()), r);
        StringBuilder sb = new StringBuilder(subject(a, r));
        if (r.nextBoolean()) sb.append(" with ").append(pickOf(r, BUILDS));
        for (int i = 0; i < parts.size(); i++) {
            sb.append(i == 0 ? ", " : i == parts.size() - 1 ? " and " : ", ").append(parts.get(i));
        }
        return sb.toString();
    }

    /** Words that name each gender (as whole words); evaluation and tests use these. */
    public static final List<String> MALE_WORDS = List.of("man", "boy");

    public static final List<String> FEMALE_WORDS = List.of("woman", "girl");
}
