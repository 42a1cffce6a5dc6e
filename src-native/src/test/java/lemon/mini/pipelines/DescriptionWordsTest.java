package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** How a description's hyphenated skin and hair words, and its owners, reach the caption vocabulary. */
class DescriptionWordsTest {
    /** A few caption words, as the tokenizer knows them. */
    static final Predicate<String> KNOWN = Set.of(
            "a", "an", "man", "woman", "with", "olive", "brown", "fair", "pale", "dark", "skin", "hair", "grey", "red",
            "green", "robe", "in")::contains;

    @Test
    void aSkinOrHairCompoundBecomesTheWorldsPhraseNotABareColour() {
        assertEquals(
                "an olive skin woman in a green robe",
                DescriptionWords.normalise("an olive-skinned woman in a green robe", KNOWN));
        assertEquals("a fair skin man", DescriptionWords.normalise("a fair-skinned man", KNOWN));
        assertEquals("a grey hair man", DescriptionWords.normalise("a silver-haired man", KNOWN));
        // a skin the captions have no word for says nothing rather than a wrong colour
        assertEquals("a  man", DescriptionWords.normalise("a swarthy-skinned man", KNOWN));
    }

    @Test
    void anyOtherCompoundStillTakesItsFirstPartsSynonym() {
        assertEquals("a man in an green robe", DescriptionWords.normalise("a man in an olive-green robe", KNOWN));
        assertEquals("a woman with grey hair", DescriptionWords.normalise("a woman with silver-grey hair", KNOWN));
    }

    /** The owner in "the king's daughter" is not the person described; the princess stays a woman. */
    @Test
    void aPersonWhoOwnsSomethingIsNotThePersonDescribed() {
        assertEquals(
                "a woman, every inch the 's daughter and woman",
                DescriptionWords.normalise("a woman, every inch the king's daughter and princess", KNOWN));
        assertEquals("a man in his father's robe", DescriptionWords.normalise("a man in his father's robe", KNOWN));
        assertEquals("a boy with the ’s red hair", DescriptionWords.normalise("a boy with the man’s red hair", KNOWN));
        assertEquals("a woman in a green robe", DescriptionWords.normalise("a lady in a green robe", KNOWN));
    }

    /**
     * Compaction keeps the known words in order, but not the bare articles and commas unknown words
     * leave behind: they pushed the hair phrase back in the window, where the encoder reads weakly.
     */
    @Test
    void compactionLeavesOutWhatUnknownWordsLeaveBehind() {
        assertEquals(
                "a man , a face , brown hair , wearing a green robe",
                compact(
                        "a tanned man, with a wiry and hunched build, a hawk-nosed face, shaggy brown hair, wearing a"
                                + " green robe.",
                        62),
                "of 'with a wiry and hunched build' only 'with a and' is known: it says nothing");
        assertEquals(
                "a man , grey hair", compact("a man; grey close-cropped hair", 62), "a hyphen does not end a phrase");
        assertEquals("a man , <c1> with <c2>", compact("a man, <c1> with <c2>", 62), "placeholders are words");
        assertEquals("a man , brown", compact("a man, brown hair", 4), "cut at the window");
    }

    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("<[^<>\\s]+>|[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

    /** Compacted as the pipeline does it, with the tokenizer's split; punctuation, "face" and "wearing" known too. */
    private static String compact(String description, int window) {
        java.util.List<String> tokens = TOKEN.matcher(description)
                .results()
                .map(java.util.regex.MatchResult::group)
                .toList();
        Predicate<String> known =
                w -> KNOWN.test(w) || !Character.isLetter(w.charAt(0)) || w.equals("face") || w.equals("wearing");
        return DescriptionWords.compact(tokens, known, window);
    }

    /**
     * describe-characters colours a garment of each person its story leaves uncoloured ({@link
     * lemon.describe.OutfitColours}): each of those garments must reach the bundled painter as a garment the
     * tokenizer knows, its colour kept and read as the clothing colour, or the colour is lost on the way.
     */
    @Test
    void everyGarmentTheDescriberColoursReachesThePainterWithItsColour() {
        PromptWindow window = PromptWindow.bundled();
        for (String garment : lemon.describe.OutfitColours.GARMENTS) {
            String description = "a man in his thirties, wearing a rough blue " + garment;
            assertEquals(
                    lemon.mini.render.Attributes.Colour.BLUE,
                    lemon.mini.render.DescriptionAttributes.parse(description).clothing(),
                    garment);
            String read = DescriptionWords.normalise(description, window.known());
            java.util.List<String> words = window.words().apply(read);
            assertTrue(words.contains("blue"), garment + ": " + read);
            assertTrue(window.known().test(words.get(words.size() - 1)), garment + ": " + read);
        }
    }
}
