package lemon.describe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.analysis.StoryCues;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;

/**
 * A colour for the clothes of each person whose description leaves it open, so the cast can be told apart at a
 * glance, as an illustrator would dress them: most tales say what their people do, not what colour they wear, and
 * "a dark tunic and a sash" on every robber paints them all alike. A colour the description or the story already
 * gives stays, and counts as taken; the others get the palette colour the cast wears least so far (in cast order,
 * so the first characters get the plainest choices). Animals wear nothing and get none.
 */
public final class OutfitColours {
    private OutfitColours() {}

    /** The colours handed out, in the order ties are broken: strong, well apart, and each a common clothing word. */
    static final List<String> PALETTE = List.of("blue", "green", "red", "yellow", "purple", "brown", "black", "white");

    /** Colour words a description may already dress someone in, with the palette colour each counts as. */
    private static final Map<String, String> COLOUR_WORDS = Map.ofEntries(
            Map.entry("blue", "blue"),
            Map.entry("navy", "blue"),
            Map.entry("azure", "blue"),
            Map.entry("indigo", "blue"),
            Map.entry("teal", "blue"),
            Map.entry("turquoise", "blue"),
            Map.entry("green", "green"),
            Map.entry("emerald", "green"),
            Map.entry("olive", "green"),
            Map.entry("red", "red"),
            Map.entry("crimson", "red"),
            Map.entry("scarlet", "red"),
            Map.entry("maroon", "red"),
            Map.entry("burgundy", "red"),
            Map.entry("yellow", "yellow"),
            Map.entry("gold", "yellow"),
            Map.entry("golden", "yellow"),
            Map.entry("saffron", "yellow"),
            Map.entry("ochre", "yellow"),
            Map.entry("purple", "purple"),
            Map.entry("violet", "purple"),
            Map.entry("lilac", "purple"),
            Map.entry("lavender", "purple"),
            Map.entry("plum", "purple"),
            Map.entry("brown", "brown"),
            Map.entry("tan", "brown"),
            Map.entry("russet", "brown"),
            Map.entry("khaki", "brown"),
            Map.entry("beige", "brown"),
            Map.entry("black", "black"),
            Map.entry("sable", "black"),
            Map.entry("white", "white"),
            Map.entry("ivory", "white"),
            Map.entry("cream", "white"),
            Map.entry("snowy", "white"),
            Map.entry("grey", "grey"),
            Map.entry("gray", "grey"),
            Map.entry("silver", "grey"),
            Map.entry("pink", "pink"),
            Map.entry("rose", "pink"),
            Map.entry("orange", "orange"));

    /** What covers the body: the garment a colour is given to (a hat or a belt alone does not dress anyone). */
    public static final Set<String> GARMENTS = Set.of(
            "tunic",
            "tunics",
            "dress",
            "dresses",
            "gown",
            "gowns",
            "robe",
            "robes",
            "cloak",
            "cloaks",
            "coat",
            "coats",
            "doublet",
            "jerkin",
            "shirt",
            "blouse",
            "jacket",
            "cape",
            "mantle",
            "kaftan",
            "caftan",
            "smock",
            "frock",
            "habit",
            "cassock",
            "uniform",
            "livery",
            "suit",
            "overalls",
            "jumper",
            "cardigan",
            "sweater",
            "waistcoat",
            "vest",
            "jersey",
            "tracksuit",
            "garb",
            "clothes",
            "clothing",
            "garments",
            "garment",
            "apparel",
            "attire",
            "rags",
            "apron",
            "pinafore",
            "bodice",
            "skirt",
            "shawl",
            "tabard",
            "surcoat",
            "armour",
            "armor");

    /** Stuff words: the colour goes before them ("a rough blue woollen tunic", not "a rough woollen blue tunic"). */
    private static final Set<String> MATERIALS = Set.of(
            "woollen",
            "wool",
            "linen",
            "silk",
            "silken",
            "velvet",
            "leather",
            "canvas",
            "cotton",
            "brocade",
            "satin",
            "fur",
            "homespun",
            "hemp",
            "felt",
            "tweed",
            "lace",
            "sackcloth",
            "denim",
            "muslin",
            "damask",
            "sheepskin",
            "suede",
            "tartan",
            "plaid",
            "checked",
            "striped",
            // a noun that says which kind of garment: "a blue trench coat", "a green military uniform"
            "trench",
            "work",
            "military",
            "riding",
            "hunting",
            "summer",
            "winter",
            "travelling");

    /** Words that end a garment's phrase going back from its noun. */
    private static final Set<String> PHRASE_START =
            Set.of("a", "an", "the", "and", "with", "wearing", "in", "of", "over", "under", "his", "her", "their");

    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");
    private static final Pattern DRESSED_IN = Pattern.compile("(?i)\\b(dressed|clad|attired|robed)\\s+(all\\s+)?in\\b");
    private static final Pattern ARTICLE_AT_END = Pattern.compile("(?i)\\b(an?)\\s+$");
    private static final Pattern WEARING = Pattern.compile("\\bwearing\\s+");

    /**
     * The descriptions, each person's that names no clothing colour given one (in place, the rest unchanged).
     *
     * @param stated what the story states about each character: a colour it gives their clothes is theirs even
     *               where the description dropped it, so no other is given
     */
    public static List<String> give(List<StoryCharacter> cast, List<String> descriptions, List<List<StoryCue>> stated) {
        Map<String, Integer> worn = new HashMap<>();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < descriptions.size(); i++) {
            String c = clothingColour(descriptions.get(i));
            if (c == null) c = storyColour(stated.get(i));
            own.add(c);
            if (c != null) worn.merge(c, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>(descriptions);
        for (int i = 0; i < out.size(); i++) {
            if (own.get(i) != null || StoryCues.animal(cast.get(i)) != null) continue;
            String colour = PALETTE.get(0);
            for (String p : PALETTE) if (worn.getOrDefault(p, 0) < worn.getOrDefault(colour, 0)) colour = p;
            worn.merge(colour, 1, Integer::sum);
            out.set(i, dress(out.get(i), colour, cast.get(i).gender()));
        }
        return out;
    }

    /** Words that end what a person wears: what follows is carried ("carrying a dagger under his garment"). */
    private static final Set<String> CARRIED = Set.of("carrying", "holding", "riding", "leading");

    /** Where what they wear is told, as word indices [from, to): from "wearing" (or the start) to what they carry. */
    private static int[] worn(List<String> words) {
        int from = Math.max(0, words.indexOf("wearing")), to = words.size();
        for (int i = from; i < words.size(); i++)
            if (CARRIED.contains(words.get(i))) {
                to = i;
                break;
            }
        return new int[] {from, to};
    }

    /** The palette colour a word names: "crimson" is red, and so is "red-coloured"; null for none. */
    private static String colourOf(String word) {
        return COLOUR_WORDS.get(word.replaceFirst("-(coloured|colored|tinted|hued)$", ""));
    }

    /** The palette colour the description's clothes are said to be (the first garment phrase with one), or null. */
    static String clothingColour(String description) {
        List<String> words = words(description);
        int[] span = worn(words);
        for (int i = span[0]; i < span[1]; i++) {
            if (!GARMENTS.contains(words.get(i))) continue;
            // back over the garment's phrase, then on over "of gold brocade"
            for (int k = i - 1; k >= 0 && !PHRASE_START.contains(words.get(k)); k--) {
                String c = colourOf(words.get(k));
                if (c != null) return c;
            }
            String of = i + 2 < words.size() && words.get(i + 1).equals("of") ? colourOf(words.get(i + 2)) : null;
            if (of != null) return of;
        }
        Matcher m = DRESSED_IN.matcher(description);
        if (m.find()) { // "dressed in gold and silver"
            Matcher w = WORD.matcher(description.substring(m.end()));
            if (w.find()) return colourOf(w.group().toLowerCase(Locale.ROOT));
        }
        return null;
    }

    /** The colour of the first clothing or headwear cue the story colours, or null. */
    private static String storyColour(List<StoryCue> stated) {
        for (StoryCue q : stated) {
            if (!q.kind().equals("clothing") && !q.kind().equals("headwear")) continue;
            for (String w : words(q.value())) {
                String c = colourOf(w);
                if (c != null) return c;
            }
        }
        return null;
    }

    /**
     * The description with its first garment in {@code colour}; a description with no garment is given one: first
     * of what they wear, or a clause of its own at the end.
     */
    static String dress(String description, String colour, Gender gender) {
        List<Integer> starts = new ArrayList<>(); // where each of words begins in the description
        Matcher m = WORD.matcher(description);
        while (m.find()) starts.add(m.start());
        List<String> words = words(description);
        int[] span = worn(words);
        for (int i = span[0]; i < span[1]; i++) {
            if (!GARMENTS.contains(words.get(i))) continue;
            int at = i;
            for (int k = i - 1; k >= 0 && !PHRASE_START.contains(words.get(k)); k--)
                if (MATERIALS.contains(words.get(k))) at = k;
            int pos = starts.get(at);
            String before = description.substring(0, pos);
            // "an apron" → "a yellow apron": the article goes with the word after it
            Matcher article = ARTICLE_AT_END.matcher(before);
            if (article.find()) {
                String a = StoryCues.article(colour);
                if (Character.isUpperCase(article.group(1).charAt(0)))
                    a = Character.toUpperCase(a.charAt(0)) + a.substring(1);
                before = before.substring(0, article.start(1)) + a + before.substring(article.end(1));
            }
            return before + colour + " " + description.substring(pos);
        }
        String garment = gender == Gender.FEMALE ? "dress" : gender == Gender.MALE ? "tunic" : "robe";
        String added = StoryCues.article(colour) + " " + colour + " " + garment;
        Matcher wearing = WEARING.matcher(description);
        if (wearing.find())
            return description.substring(0, wearing.end()) + added + ", " + description.substring(wearing.end());
        String trimmed = description.stripTrailing();
        boolean stop = trimmed.endsWith(".");
        if (stop) trimmed = trimmed.substring(0, trimmed.length() - 1);
        return trimmed + ", wearing " + added + (stop ? "." : "");
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT).replace('’', '\''));
        return out;
    }
}
