package lemon.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DescriptionCleanerTest {
    @Test
    void stripsLabelsQuotesAndMarkup() {
        assertEquals(
                "a tall man with a grey beard.",
                DescriptionCleaner.clean("Description: \"**Cassim**: a tall man\n with a grey beard\"", "Cassim"));
        assertEquals("a tall man.", DescriptionCleaner.clean("Cassim: a tall man", "Cassim"));
    }

    @Test
    void capsLengthAtAClauseBoundary() {
        String longer = "a woman, " + "with very long hair ".repeat(20) + ", wearing red";
        String s = DescriptionCleaner.clean(longer, "X");
        assertTrue(s.split(" ").length <= DescriptionCleaner.MAX_WORDS, s);
        assertTrue(s.endsWith("."));
    }

    @Test
    void emptyIsAnError() {
        assertThrows(IllegalStateException.class, () -> DescriptionCleaner.clean(" ** ", "X"));
    }
}
