package lemon.story;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PersonalizationTokenTest {
    @Test
    void thePlaceholderTakesThePlaceOfTheAnchorsFirstPersonWord() {
        assertEquals("a tall <c1> with red hair", Personalization.Token.phrase("<c1>", "a tall man with red hair"));
        assertEquals(
                "a fair skin <c4> in her forties, a man's cloak",
                Personalization.Token.phrase("<c4>", "a fair skin woman in her forties, a man's cloak"));
        assertEquals(
                "a young, little <c2>, red hair",
                Personalization.Token.phrase("<c2>", "a young, little girl, red hair"));
        assertEquals("a <c3> of fine manners", Personalization.Token.phrase("<c3>", "a man of fine manners"));
    }

    @Test
    void thePersonWordIsTheOneThePlaceholderReplaces() {
        assertEquals("girl", Personalization.Token.personWord("a young, little Girl, red hair"));
        assertEquals("woman", Personalization.Token.personWord("a fair skin woman, a man's cloak"));
        assertEquals(null, Personalization.Token.personWord("a grey horse, mane combed"));
        assertEquals(null, Personalization.Token.personWord(null));
    }

    @Test
    void anAnchorThatNamesNoPersonFollowsThePlaceholderAndNoAnchorLeavesItAlone() {
        assertEquals(
                "<c1> a grey horse, mane combed", Personalization.Token.phrase("<c1>", "a grey horse, mane combed"));
        assertEquals("<c1> a little", new Personalization.Token("<c1>", new float[0], null, "a little").phrase());
        assertEquals("<c1>", Personalization.Token.phrase("<c1>", null));
        assertEquals("<c1>", Personalization.Token.phrase("<c1>", " "));
    }
}
