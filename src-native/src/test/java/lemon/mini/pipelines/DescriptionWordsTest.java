package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
