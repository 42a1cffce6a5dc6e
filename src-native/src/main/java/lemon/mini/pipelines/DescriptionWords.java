package lemon.mini.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.mini.render.Captions;
import lemon.mini.render.DescriptionAttributes;

/**
 * Free-text descriptions (from the story pipeline's LLM) use words the training captions never
 * do: "auburn", "navy", "lady", "a feathered cap", "in his late sixties". Each word the tokenizer
 * does not know is replaced by its nearest caption word from a small synonym table (colours,
 * people, age decades, the headwear and garments {@link DescriptionAttributes} reads as the
 * world's), so the words that steer the model survive; everything else still maps to {@code <unk>}.
 */
public final class DescriptionWords {
    private DescriptionWords() {}

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            // hair colours
            Map.entry("auburn", "red"),
            Map.entry("ginger", "red"),
            Map.entry("copper", "red"),
            Map.entry("coppery", "red"),
            Map.entry("strawberry", "red"),
            Map.entry("redhead", "red"),
            Map.entry("blond", "blonde"),
            Map.entry("flaxen", "blonde"),
            Map.entry("fair-haired", "blonde"),
            Map.entry("platinum", "blonde"),
            Map.entry("honey", "blonde"),
            Map.entry("brunette", "brown"),
            Map.entry("chestnut", "brown"),
            Map.entry("hazel", "brown"),
            Map.entry("mousy", "brown"),
            Map.entry("raven", "black"),
            Map.entry("jet", "black"),
            Map.entry("ebony", "black"),
            Map.entry("charcoal", "black"),
            Map.entry("gray", "grey"),
            Map.entry("silver", "grey"),
            Map.entry("silvery", "grey"),
            Map.entry("greying", "grey"),
            Map.entry("graying", "grey"),
            Map.entry("snowy", "white"),
            Map.entry("ivory", "white"),
            Map.entry("cream", "white"),
            // clothing colours
            Map.entry("crimson", "red"),
            Map.entry("scarlet", "red"),
            Map.entry("maroon", "red"),
            Map.entry("burgundy", "red"),
            Map.entry("ruby", "red"),
            Map.entry("rust", "red"),
            Map.entry("navy", "blue"),
            Map.entry("azure", "blue"),
            Map.entry("sapphire", "blue"),
            Map.entry("cobalt", "blue"),
            Map.entry("indigo", "blue"),
            Map.entry("teal", "blue"),
            Map.entry("turquoise", "blue"),
            Map.entry("cyan", "blue"),
            Map.entry("emerald", "green"),
            Map.entry("jade", "green"),
            Map.entry("olive", "green"),
            Map.entry("sage", "green"),
            Map.entry("moss", "green"),
            Map.entry("violet", "purple"),
            Map.entry("lavender", "purple"),
            Map.entry("lilac", "purple"),
            Map.entry("plum", "purple"),
            Map.entry("mauve", "purple"),
            Map.entry("magenta", "purple"),
            Map.entry("mustard", "yellow"),
            Map.entry("ochre", "yellow"),
            Map.entry("saffron", "yellow"),
            Map.entry("amber", "yellow"),
            Map.entry("tan", "brown"),
            Map.entry("beige", "brown"),
            Map.entry("khaki", "brown"),
            Map.entry("umber", "brown"),
            Map.entry("russet", "brown"),
            Map.entry("sepia", "brown"),
            // people
            Map.entry("lady", "woman"),
            Map.entry("female", "woman"),
            Map.entry("maiden", "woman"),
            Map.entry("queen", "woman"),
            Map.entry("princess", "woman"),
            Map.entry("gentleman", "man"),
            Map.entry("male", "man"),
            Map.entry("king", "man"),
            Map.entry("prince", "man"),
            Map.entry("knight", "man"),
            Map.entry("lad", "boy"),
            Map.entry("lass", "girl"),
            Map.entry("teen", "young"),
            Map.entry("teens", "young"),
            Map.entry("teenage", "young"),
            Map.entry("elderly", "old"),
            Map.entry("women", "woman"),
            Map.entry("men", "man"),
            Map.entry("grandmother", "woman"),
            Map.entry("grandfather", "man"),
            // ages: the decade's age band in a word the captions use
            Map.entry("thirties", "twenties"),
            Map.entry("sixties", "elderly"),
            Map.entry("seventies", "elderly"),
            Map.entry("eighties", "elderly"),
            Map.entry("nineties", "elderly"),
            // garments: the world's nearest, so a stated colour stays on clothes
            Map.entry("cloak", "robe"),
            Map.entry("cape", "robe"),
            Map.entry("mantle", "robe"),
            Map.entry("kaftan", "robe"),
            Map.entry("caftan", "robe"),
            Map.entry("habit", "robe"),
            Map.entry("jacket", "coat"),
            Map.entry("overcoat", "coat"),
            Map.entry("doublet", "tunic"),
            Map.entry("jerkin", "tunic"),
            Map.entry("smock", "tunic"),
            Map.entry("vest", "tunic"),
            Map.entry("waistcoat", "tunic"),
            Map.entry("uniform", "tunic"),
            Map.entry("livery", "tunic"),
            Map.entry("jumper", "tunic"),
            Map.entry("sweater", "tunic"),
            Map.entry("frock", "dress"),
            Map.entry("skirt", "dress"),
            Map.entry("bodice", "dress"),
            Map.entry("pinafore", "dress"),
            Map.entry("tunics", "tunic"),
            Map.entry("dresses", "dress"),
            Map.entry("gowns", "gown"),
            Map.entry("robes", "robe"),
            Map.entry("cloaks", "robe"),
            Map.entry("coats", "coat"),
            Map.entry("cassock", "robe"),
            Map.entry("suit", "coat"),
            Map.entry("cardigan", "coat"),
            Map.entry("tracksuit", "coat"),
            Map.entry("overalls", "tunic"),
            Map.entry("apron", "tunic"),
            Map.entry("jersey", "shirt"),
            Map.entry("armor", "armour"),
            // clothes in general: the world's garment that fits anyone, so a colour given them stays on clothes
            Map.entry("clothes", "robe"),
            Map.entry("clothing", "robe"),
            Map.entry("garments", "robe"),
            Map.entry("garment", "robe"),
            Map.entry("apparel", "robe"),
            Map.entry("attire", "robe"),
            Map.entry("garb", "robe"),
            Map.entry("rags", "robe"),
            Map.entry("shawl", "robe"));

    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}-]*");

    /** The caption word for an unknown one: the table's, or the world's headwear as the evaluation reads it ("cap" → "hat"). */
    private static String synonym(String word) {
        String syn = SYNONYMS.get(word);
        return syn != null ? syn : DescriptionAttributes.headwearWord(word);
    }

    /**
     * An unknown hyphenated word: one that names skin or hair becomes the world's phrase for it
     * ("olive-skinned" → "olive skin", "silver-haired" → "grey hair"; nothing when its colour is not a
     * caption word), so a skin tone is not read as a clothing colour ("olive" → "green") or left as a
     * bare colour the model gives to hair ("fair", "brown"); any other takes its first part's synonym
     * ("silver-grey" → "grey").
     */
    private static String compound(String w, Predicate<String> known) {
        String first = w.substring(0, w.indexOf('-')), rest = w.substring(w.indexOf('-') + 1);
        if (rest.equals("skinned") || rest.equals("haired")) {
            String colour = known.test(first) ? first : SYNONYMS.get(first);
            String noun = rest.equals("skinned") ? "skin" : "hair";
            return colour != null && known.test(noun) ? colour + " " + noun : "";
        }
        return synonym(first);
    }

    /**
     * Rewrites each hair phrase's colour words to the one colour they read as ({@link
     * DescriptionAttributes#hairAsRead}), leaves out colours that colour nothing the world paints
     * ({@link DescriptionAttributes#withoutStrayColours}: "cold grey eyes"), then replaces unknown
     * words (per {@code known}) that have a caption synonym; keeps the rest as written. A person
     * word that owns something ("every inch the king's daughter") is left out: read as "man", it
     * told the model a princess was a man.
     */
    public static String normalise(String description, Predicate<String> known) {
        String lower = DescriptionAttributes.withoutStrayColours(DescriptionAttributes.hairAsRead(description))
                .toLowerCase(Locale.ROOT);
        Matcher m = WORD.matcher(lower);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group(), rep = w;
            if (!known.test(w)) {
                String syn = synonym(w);
                if (syn == null && w.contains("-")) syn = compound(w, known);
                if (syn != null) rep = syn;
            }
            // an owner ("the king's daughter") is not the person described
            boolean person = Captions.MALE_WORDS.contains(rep) || Captions.FEMALE_WORDS.contains(rep);
            if (person && (lower.startsWith("'s", m.end()) || lower.startsWith("’s", m.end()))) rep = "";
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Keeps a long description's attribute words inside the text encoder's window and near its
     * start. Words the encoder does not know ("hawk-nosed", "scimitar") are left out; what that leaves
     * of a phrase with nothing known but articles and joining words (", a , - face and , ,") is left
     * out too, and phrases are joined by one comma; a hyphen joins, it does not end a phrase. What
     * remains keeps its order ("a black turban" stays a black turban) and is cut at {@code maxWords}.
     * (The encoder reads late words weakly: on the committed weights a stated hair colour read back
     * 84% of the time when "hair" stood within the first 20 tokens, 60% when later, so the leftover
     * punctuation and articles that pushed it back cost as much as an unknown word once did. Chosen
     * over encoding in chunks: the UNet reads one sequence, and a second chunk's pooled vector would
     * need a merge rule the model never trained on.)
     */
    public static String compact(List<String> tokens, Predicate<String> known, int maxWords) {
        List<String> out = new ArrayList<>(), phrase = new ArrayList<>();
        for (String w : tokens) {
            if (!known.test(w) || JOINERS.contains(w)) continue;
            if (PUNCTUATION.matcher(w).matches()) endPhrase(phrase, out);
            else phrase.add(w);
        }
        endPhrase(phrase, out);
        return String.join(" ", out.subList(0, Math.min(out.size(), maxWords)));
    }

    /** One character that is neither letter, digit nor a placeholder's bracket: the tokenizer's punctuation. */
    private static final Pattern PUNCTUATION = Pattern.compile("[^\\p{L}\\p{N}<>]");

    /** Punctuation inside a word ("close-cropped", "king's"): dropped without ending the phrase. */
    private static final Set<String> JOINERS = Set.of("-", "'", "’");

    /** Words that say nothing on their own: a phrase of only these is what is left of unknown words. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "and", "or", "with", "of", "in", "on", "at", "his", "her", "their", "its", "to", "by",
            "for", "from", "over", "under", "as");

    /** Moves the phrase to {@code out} without its trailing joining words, after a comma; nothing if it says nothing. */
    private static void endPhrase(List<String> phrase, List<String> out) {
        int end = phrase.size();
        while (end > 0 && FUNCTION_WORDS.contains(phrase.get(end - 1))) end--;
        if (end > 0) {
            if (!out.isEmpty()) out.add(",");
            out.addAll(phrase.subList(0, end));
        }
        phrase.clear();
    }
}
