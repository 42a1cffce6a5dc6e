package lemon.mini.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.mini.render.Attributes.Age;
import lemon.mini.render.Attributes.Colour;
import lemon.mini.render.Attributes.FacialHair;
import lemon.mini.render.Attributes.Gender;
import lemon.mini.render.Attributes.HairColour;
import lemon.mini.render.Attributes.Headwear;
import lemon.mini.render.Attributes.SkinTone;

/**
 * What a free-text appearance description (describe-characters' register: "a ruddy-cheeked man in
 * his early fifties …, shaggy greying light brown hair, wearing a round baker's cap, a white
 * jacket …") states about the attributes the mini world can draw. A field is null when the text
 * does not state it in the world's terms: "a long dark cloak" names no clothing colour the palette
 * has, so it does not count for clothing colour.
 *
 * <p>A colour belongs to the nearest head noun after it within its phrase (up to four words back,
 * not across a comma or "with"), so "a black turban, a long dark cloak" gives the turban black and
 * the cloak nothing; "greying copper hair" is copper (red), "greying" alone is grey.
 */
public record DescriptionAttributes(
        Gender gender,
        Age age,
        HairColour hair,
        FacialHair facialHair,
        Colour clothing,
        Headwear headwear,
        Colour headwearColour,
        SkinTone skin) {

    private static final Set<String> MALE = Set.of(
            "man",
            "boy",
            "gentleman",
            "king",
            "prince",
            "lad",
            "knight",
            "youth",
            "husband",
            "father",
            "son",
            "brother",
            "grandfather",
            "monk",
            "lord",
            "sultan",
            "merchant",
            "tailor",
            "woodcutter",
            "miller",
            "he",
            "his",
            "him");
    private static final Set<String> FEMALE = Set.of(
            "woman",
            "girl",
            "lady",
            "queen",
            "princess",
            "maiden",
            "lass",
            "wife",
            "mother",
            "daughter",
            "sister",
            "grandmother",
            "witch",
            "she",
            "her",
            "hers",
            "maid",
            "widow",
            "stepmother");
    private static final Set<String> CHILD = Set.of("boy", "girl", "child", "lad", "lass", "toddler");
    private static final Pattern DECADE =
            Pattern.compile("\\b(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b");
    private static final Pattern YEARS = Pattern.compile("\\b(\\d{1,2})[- ]year");

    private static final Set<String> HAIR_NOUNS =
            Set.of("hair", "locks", "curls", "braids", "braid", "ponytail", "bun", "mane", "tresses", "ringlets");
    private static final Set<String> GARMENTS = Set.of(
            "cloak",
            "robe",
            "robes",
            "dress",
            "gown",
            "tunic",
            "coat",
            "shirt",
            "jacket",
            "tabard",
            "surcoat",
            "cape",
            "mantle",
            "vest",
            "waistcoat",
            "apron",
            "doublet",
            "blouse",
            "skirt",
            "kaftan",
            "caftan",
            "uniform",
            "habit",
            "smock",
            "frock",
            "jerkin",
            "overcoat",
            "livery",
            "garb",
            "clothes",
            "clothing",
            "attire",
            "garments",
            "tunics",
            "jumper",
            "sweater",
            "bodice",
            "shawl",
            "pinafore",
            "armour",
            "armor",
            "kilt",
            "frockcoat",
            "overalls",
            "coveralls",
            "suit",
            "sari",
            "dresses",
            "gowns",
            "cloaks",
            "coats",
            "cassock",
            "cardigan",
            "jersey",
            "tracksuit",
            "garment",
            "apparel",
            "rags");
    private static final Map<String, Headwear> HEADWEAR = Map.ofEntries(
            Map.entry("turban", Headwear.TURBAN),
            Map.entry("hood", Headwear.HOOD),
            Map.entry("cowl", Headwear.HOOD),
            Map.entry("hat", Headwear.HAT),
            Map.entry("cap", Headwear.HAT),
            Map.entry("bonnet", Headwear.HAT),
            Map.entry("beret", Headwear.HAT),
            Map.entry("fez", Headwear.HAT),
            Map.entry("crown", Headwear.CROWN),
            Map.entry("tiara", Headwear.CROWN),
            Map.entry("diadem", Headwear.CROWN),
            Map.entry("circlet", Headwear.CROWN),
            Map.entry("coronet", Headwear.CROWN),
            Map.entry("headscarf", Headwear.HEADSCARF),
            Map.entry("kerchief", Headwear.HEADSCARF),
            Map.entry("headcloth", Headwear.HEADSCARF),
            Map.entry("veil", Headwear.HEADSCARF),
            Map.entry("wimple", Headwear.HEADSCARF));

    /** Hair words: the world's six colours and their usual synonyms. */
    private static final Map<String, HairColour> HAIR_COLOURS = Map.ofEntries(
            Map.entry("black", HairColour.BLACK),
            Map.entry("raven", HairColour.BLACK),
            Map.entry("jet", HairColour.BLACK),
            Map.entry("ebony", HairColour.BLACK),
            Map.entry("coal-black", HairColour.BLACK),
            Map.entry("jet-black", HairColour.BLACK),
            Map.entry("brown", HairColour.BROWN),
            Map.entry("chestnut", HairColour.BROWN),
            Map.entry("brunette", HairColour.BROWN),
            Map.entry("mousy", HairColour.BROWN),
            Map.entry("mouse-brown", HairColour.BROWN),
            Map.entry("hazel", HairColour.BROWN),
            Map.entry("blonde", HairColour.BLONDE),
            Map.entry("blond", HairColour.BLONDE),
            Map.entry("golden", HairColour.BLONDE),
            Map.entry("gold", HairColour.BLONDE),
            Map.entry("flaxen", HairColour.BLONDE),
            Map.entry("straw", HairColour.BLONDE),
            Map.entry("straw-coloured", HairColour.BLONDE),
            Map.entry("honey", HairColour.BLONDE),
            Map.entry("fair", HairColour.BLONDE),
            Map.entry("platinum", HairColour.BLONDE),
            Map.entry("red", HairColour.RED),
            Map.entry("copper", HairColour.RED),
            Map.entry("coppery", HairColour.RED),
            Map.entry("auburn", HairColour.RED),
            Map.entry("ginger", HairColour.RED),
            Map.entry("russet", HairColour.RED),
            Map.entry("fiery", HairColour.RED),
            Map.entry("grey", HairColour.GREY),
            Map.entry("gray", HairColour.GREY),
            Map.entry("greying", HairColour.GREY),
            Map.entry("graying", HairColour.GREY),
            Map.entry("silver", HairColour.GREY),
            Map.entry("silvery", HairColour.GREY),
            Map.entry("silver-grey", HairColour.GREY),
            Map.entry("iron-grey", HairColour.GREY),
            Map.entry("salt-and-pepper", HairColour.GREY),
            Map.entry("white", HairColour.WHITE),
            Map.entry("snow-white", HairColour.WHITE),
            Map.entry("snowy", HairColour.WHITE));

    /** Modifiers that change hue only a little: "greying" yields to a colour nearer the noun. */
    private static final Set<String> WEAK_HAIR = Set.of("greying", "graying", "fair", "golden", "gold");

    /** Clothing and headwear words: the palette's eight colours and the synonyms DescriptionWords maps. */
    private static final Map<String, Colour> COLOURS = Map.ofEntries(
            Map.entry("red", Colour.RED),
            Map.entry("crimson", Colour.RED),
            Map.entry("scarlet", Colour.RED),
            Map.entry("maroon", Colour.RED),
            Map.entry("burgundy", Colour.RED),
            Map.entry("ruby", Colour.RED),
            Map.entry("blue", Colour.BLUE),
            Map.entry("navy", Colour.BLUE),
            Map.entry("azure", Colour.BLUE),
            Map.entry("sapphire", Colour.BLUE),
            Map.entry("cobalt", Colour.BLUE),
            Map.entry("indigo", Colour.BLUE),
            Map.entry("teal", Colour.BLUE),
            Map.entry("turquoise", Colour.BLUE),
            Map.entry("green", Colour.GREEN),
            Map.entry("emerald", Colour.GREEN),
            Map.entry("jade", Colour.GREEN),
            Map.entry("olive", Colour.GREEN),
            Map.entry("moss", Colour.GREEN),
            Map.entry("yellow", Colour.YELLOW),
            Map.entry("mustard", Colour.YELLOW),
            Map.entry("saffron", Colour.YELLOW),
            Map.entry("golden", Colour.YELLOW),
            Map.entry("gold", Colour.YELLOW),
            Map.entry("ochre", Colour.YELLOW),
            Map.entry("purple", Colour.PURPLE),
            Map.entry("violet", Colour.PURPLE),
            Map.entry("lavender", Colour.PURPLE),
            Map.entry("lilac", Colour.PURPLE),
            Map.entry("plum", Colour.PURPLE),
            Map.entry("mauve", Colour.PURPLE),
            Map.entry("black", Colour.BLACK),
            Map.entry("sable", Colour.BLACK),
            Map.entry("white", Colour.WHITE),
            Map.entry("snow-white", Colour.WHITE),
            Map.entry("ivory", Colour.WHITE),
            Map.entry("cream", Colour.WHITE),
            Map.entry("brown", Colour.BROWN),
            Map.entry("tan", Colour.BROWN),
            Map.entry("beige", Colour.BROWN),
            Map.entry("khaki", Colour.BROWN),
            Map.entry("russet", Colour.BROWN),
            Map.entry("umber", Colour.BROWN));

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\d][\\p{L}\\d'-]*|[,;.:()]");
    /** Words that end the phrase a colour can belong to. */
    private static final Set<String> BREAKS = Set.of(",", ";", ".", ":", "(", ")", "with", "over", "under", "and");

    /** The attributes {@code text} states, each null when it does not. */
    public static DescriptionAttributes parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        List<String> w = new ArrayList<>();
        Matcher m = WORD.matcher(lower);
        while (m.find()) w.add(stripPossessive(m.group()));

        Gender gender = null;
        for (String x : w) {
            if (MALE.contains(x) || x.endsWith("-man")) {
                gender = Gender.MALE;
                break;
            }
            if (FEMALE.contains(x) || x.endsWith("-woman")) {
                gender = Gender.FEMALE;
                break;
            }
        }

        HairColour hair = null;
        FacialHair facial = null;
        Colour clothing = null, headColour = null;
        Headwear headwear = null;
        for (int i = 0; i < w.size(); i++) {
            String x = w.get(i);
            if (HAIR_NOUNS.contains(x) && hair == null) hair = hairBefore(w, i);
            else if (x.endsWith("-haired") && hair == null) hair = hairColour(x.substring(0, x.length() - 7), null);
            if (x.startsWith("beard") || x.equals("bearded")) facial = FacialHair.BEARD;
            else if ((x.startsWith("moustache") || x.startsWith("mustache")) && facial == null)
                facial = FacialHair.MOUSTACHE;
            else if ((x.equals("clean-shaven") || x.equals("beardless")) && facial == null) facial = FacialHair.NONE;
            if (GARMENTS.contains(x) && clothing == null) clothing = colourBefore(w, i);
            Headwear h = HEADWEAR.get(x);
            if (h == null && x.equals("hooded") && i + 1 < w.size() && GARMENTS.contains(w.get(i + 1)))
                h = Headwear.HOOD;
            if (h != null && headwear == null) {
                headwear = h;
                headColour = colourBefore(w, i);
            }
        }
        if (facial == null && gender == Gender.FEMALE) facial = FacialHair.NONE; // the world never draws one
        return new DescriptionAttributes(
                gender, age(lower, w, gender), hair, facial, clothing, headwear, headColour, skin(lower));
    }

    /** Shade words a hair phrase may hold beside its colour ("light brown", "deep red"). */
    private static final Set<String> HAIR_SHADES =
            Set.of("light", "dark", "pale", "deep", "bright", "medium", "rich", "dull", "bleached");

    /** A text's words, lower-cased and without possessive endings, with their [start, end) in the text. */
    private record Words(List<String> lower, List<int[]> at) {
        static Words of(String text) {
            Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('’', '\''));
            List<String> w = new ArrayList<>();
            List<int[]> at = new ArrayList<>();
            while (m.find()) {
                w.add(stripPossessive(m.group()));
                at.add(new int[] {m.start(), m.end()});
            }
            return new Words(w, at);
        }
    }

    /**
     * {@code text} with the colour words of each hair phrase replaced by the one world colour
     * {@link #parse} reads from them: "greying light brown hair" → "brown hair", "tousled greying
     * copper hair" → "tousled red hair", "long raven locks" → "long black locks". The text encoder
     * reads what the description states, as the world draws it (one hair colour), instead of two or
     * three colour words of which "light" and "brown" are also skin tones. Other words stay as
     * written, lower-cased where a phrase is rewritten.
     */
    public static String hairAsRead(String text) {
        Words words = Words.of(text);
        List<String> w = words.lower();
        List<int[]> at = words.at();
        StringBuilder out = new StringBuilder(text);
        for (int i = w.size() - 1; i >= 0; i--) { // from the end, so earlier offsets hold
            if (!HAIR_NOUNS.contains(w.get(i))) continue;
            HairColour c = hairBefore(w, i);
            if (c == null) continue;
            List<Integer> span = new ArrayList<>();
            for (int j = i - 1; j >= Math.max(0, i - 4); j--) {
                String x = w.get(j);
                if (BREAKS.contains(x) && !(x.equals("and") && j > 0 && HAIR_COLOURS.containsKey(w.get(j - 1)))) break;
                if (x.equals("and") || hairColour(x, null) != null || HAIR_SHADES.contains(x)) span.add(j);
            }
            // span runs from the word nearest the noun backwards; the colour takes the place of the nearest
            for (int k = 0; k < span.size(); k++) {
                int[] r = at.get(span.get(k));
                if (k == 0) out.replace(r[0], r[1], c.word());
                else cut(out, r);
            }
        }
        return out.toString();
    }

    /** Nouns a colour may colour in the world's pictures besides hair, garments and headwear. */
    private static final Set<String> PAINTED = Set.of("beard", "beards", "moustache", "moustaches", "mustache", "skin");

    /**
     * {@code text} without the colour words that colour nothing the world paints: "cold grey eyes",
     * "a silver brooch", "black leather boots", or a colour its garments never wear ("a grey silk
     * dress"). A colour belongs to the next head noun of its phrase, as {@link #parse} reads it; one
     * that reaches no hair, beard, garment or headwear before the phrase ends is left out. The
     * text encoder has no noun for eyes or brooches (they are left out as unknown words), so a stray
     * "grey" would otherwise stand beside the hair. Other words stay as written.
     */
    public static String withoutStrayColours(String text) {
        Words words = Words.of(text);
        List<String> w = words.lower();
        List<int[]> at = words.at();
        StringBuilder out = new StringBuilder(text);
        for (int i = w.size() - 1; i >= 0; i--) { // from the end, so earlier offsets hold
            String x = w.get(i), last = x.substring(x.lastIndexOf('-') + 1); // "silver-grey"; not "fair-skinned"
            boolean clothingColour = COLOURS.containsKey(last);
            if (!clothingColour && (WEAK_HAIR.contains(last) || !HAIR_COLOURS.containsKey(last))) continue;
            boolean paints = false;
            for (int j = i + 1; j < Math.min(w.size(), i + 5); j++) {
                String y = w.get(j);
                if (BREAKS.contains(y)) break;
                if (HAIR_NOUNS.contains(y) || PAINTED.contains(y) || HEADWEAR.containsKey(y) || y.equals("hooded")) {
                    paints = true;
                    break;
                }
                if (GARMENTS.contains(y)) {
                    paints = clothingColour;
                    break;
                }
            }
            if (!paints) cut(out, at.get(i));
        }
        return out.toString();
    }

    /** Deletes the word at [start, end) and the spaces after it. */
    private static void cut(StringBuilder out, int[] word) {
        int end = word[1];
        while (end < out.length() && out.charAt(end) == ' ') end++;
        out.delete(word[0], end);
    }

    /**
     * The world's word for a headwear noun a description uses ("cap" → "hat", "circlet" → "crown"),
     * as {@link #parse} reads it; null for any other word.
     */
    public static String headwearWord(String noun) {
        Headwear h = HEADWEAR.get(noun);
        return h == null ? null : h.name().toLowerCase(Locale.ROOT);
    }

    /** The world's garment words, as its captions name them; a description's first one is kept. */
    private static final List<String> WORLD_GARMENTS =
            List.of("tunic", "dress", "gown", "robe", "coat", "shirt", "blouse", "armour", "armor");

    /**
     * A description said as the world's scene captions name a person ("a young woman in a blue
     * dress with red hair", "an old man in a brown robe with a grey beard"), with only what it
     * states: gender and age, clothing colour, hair colour or beard. Short, as three people and
     * an action must share the text encoder's window, and in the register the model learned scenes
     * from. Null when it states none of these. A clothing colour on a garment the world lacks ("a
     * red cloak") goes on the world's usual one (a tunic for a man, a dress for a woman, a robe
     * otherwise). A person of unknown gender gets no noun ("in a green robe with brown hair"): the
     * token painted before the words names them.
     */
    public static String inWorldWords(String description) {
        DescriptionAttributes a = parse(description);
        boolean male = a.gender() == Gender.MALE, female = a.gender() == Gender.FEMALE;
        String noun = male ? "man" : "woman";
        List<String> words = new ArrayList<>();
        if (male || female) {
            words.add(
                    a.age() == null
                            ? "a " + noun
                            : switch (a.age()) {
                                case CHILD -> male ? "a boy" : "a girl";
                                case YOUNG_ADULT -> "a young " + noun;
                                case MIDDLE_AGED -> "a middle-aged " + noun;
                                case OLD -> "an old " + noun;
                            });
        }
        if (a.clothing() != null) {
            String lower = description.toLowerCase(Locale.ROOT);
            String garment = male ? "tunic" : female ? "dress" : "robe";
            int first = Integer.MAX_VALUE;
            for (String g : WORLD_GARMENTS) {
                Matcher m = Pattern.compile("\\b" + g + "\\b").matcher(lower);
                if (m.find() && m.start() < first) {
                    first = m.start();
                    garment = g.equals("armor") ? "armour" : g;
                }
            }
            String colour = a.clothing().word();
            words.add(
                    garment.equals("armour")
                            ? "in steel armour under a " + colour + " tabard"
                            : "in " + ("aeiou".indexOf(colour.charAt(0)) >= 0 ? "an " : "a ") + colour + " " + garment);
        }
        if (a.facialHair() == FacialHair.BEARD)
            words.add("with a " + (a.hair() == null ? "" : a.hair().word() + " ") + "beard");
        else if (a.hair() != null) words.add("with " + a.hair().word() + " hair");
        return words.isEmpty() ? null : String.join(" ", words);
    }

    private static String stripPossessive(String x) {
        return x.endsWith("'s") ? x.substring(0, x.length() - 2) : x;
    }

    private static HairColour hairBefore(List<String> w, int noun) {
        HairColour weak = null;
        for (int j = noun - 1; j >= Math.max(0, noun - 4); j--) {
            String x = w.get(j);
            if (BREAKS.contains(x) && !(x.equals("and") && j > 0 && HAIR_COLOURS.containsKey(w.get(j - 1)))) break;
            HairColour c = hairColour(x, null);
            if (c == null) continue;
            if (!WEAK_HAIR.contains(x)) return c;
            if (weak == null) weak = c;
        }
        return weak;
    }

    /** "light-brown", "dark-blonde", "silver-grey": the last part that names a colour. */
    private static HairColour hairColour(String x, HairColour otherwise) {
        HairColour c = HAIR_COLOURS.get(x);
        if (c != null) return c;
        String[] parts = x.split("-");
        for (int k = parts.length - 1; k >= 0; k--)
            if (HAIR_COLOURS.containsKey(parts[k])) return HAIR_COLOURS.get(parts[k]);
        return otherwise;
    }

    private static Colour colourBefore(List<String> w, int noun) {
        for (int j = noun - 1; j >= Math.max(0, noun - 4); j--) {
            String x = w.get(j);
            if (BREAKS.contains(x)) return null;
            Colour c = COLOURS.get(x);
            if (c == null && x.contains("-")) c = COLOURS.get(x.substring(x.lastIndexOf('-') + 1)); // "deep-blue"
            if (c != null) return c;
        }
        return null;
    }

    private static Age age(String lower, List<String> w, Gender gender) {
        Matcher d = DECADE.matcher(lower);
        if (d.find()) {
            return switch (d.group(1)) {
                case "teens", "twenties", "thirties" -> Age.YOUNG_ADULT;
                case "forties", "fifties" -> Age.MIDDLE_AGED;
                default -> Age.OLD;
            };
        }
        Matcher y = YEARS.matcher(lower);
        if (y.find()) {
            int years = Integer.parseInt(y.group(1));
            return years < 13 ? Age.CHILD : years < 40 ? Age.YOUNG_ADULT : years < 60 ? Age.MIDDLE_AGED : Age.OLD;
        }
        for (String x : w) {
            if (x.equals("middle-aged")) return Age.MIDDLE_AGED;
            if (x.equals("old")
                    || x.equals("elderly")
                    || x.equals("aged")
                    || x.equals("ancient")
                    || x.equals("wizened")
                    || x.equals("aging")
                    || x.equals("ageing")) return Age.OLD;
            if (x.equals("young") || x.equals("youthful") || x.equals("teenage") || x.equals("youth"))
                return w.contains("boy") || w.contains("girl") || w.contains("child") ? Age.CHILD : Age.YOUNG_ADULT;
            if (CHILD.contains(x)) return Age.CHILD;
        }
        return null;
    }

    private static SkinTone skin(String lower) {
        Matcher s = Pattern.compile(
                        "\\b(pale|fair|light|tanned|tan|sun-browned|sunburnt|olive|brown|dark|ebony|swarthy|bronze|bronzed)"
                                + "(?:[- ]skinned|[- ]complexioned| skin| complexion)")
                .matcher(lower);
        if (!s.find()) return null;
        return switch (s.group(1)) {
            case "pale" -> SkinTone.PALE;
            case "fair", "light" -> SkinTone.LIGHT;
            case "tanned", "tan", "sun-browned", "sunburnt", "bronzed", "bronze" -> SkinTone.TAN;
            case "olive", "swarthy" -> SkinTone.OLIVE;
            case "brown" -> SkinTone.BROWN;
            default -> SkinTone.DARK;
        };
    }
}
