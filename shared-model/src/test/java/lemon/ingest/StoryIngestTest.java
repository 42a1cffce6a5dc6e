package lemon.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoryIngestTest {
    private static final String STORY = "Once there was a miller who had a daughter. ".repeat(10);
    private final StoryIngest ingest = new StoryIngest(10_000, 50);

    private StoryRejectedException rejected(String name, byte[] bytes) {
        return assertThrows(StoryRejectedException.class, () -> ingest.ingest(name, bytes));
    }

    @Test
    void emptyFileIsRejected() {
        var e = rejected("tale.txt", new byte[0]);
        assertEquals(StoryRejectedException.Reason.EMPTY, e.reason());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(
                StoryRejectedException.Reason.EMPTY,
                rejected("t.txt", " \n\t\n".getBytes()).reason());
    }

    @Test
    void binaryFileIsRejectedWithOffset() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        var e = rejected("picture.txt", png);
        assertEquals(StoryRejectedException.Reason.BINARY, e.reason());
        assertTrue(e.getMessage().contains("offset 8"), e.getMessage());
    }

    @Test
    void latin1IsRejectedNamingTheByte() {
        byte[] latin1 = (STORY + "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        var e = rejected("latin1.txt", latin1);
        assertEquals(StoryRejectedException.Reason.NOT_UTF8, e.reason());
        assertTrue(
                e.getMessage().contains("0xE9") && e.getMessage().contains("offset " + (latin1.length - 1)),
                e.getMessage());
    }

    @Test
    void overTheCapIsRejectedWithSizes() {
        var e = rejected("big.txt", "word ".repeat(3000).getBytes());
        assertEquals(StoryRejectedException.Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("14.6 KB") && e.getMessage().contains("9.8 KB cap"), e.getMessage());
    }

    @Test
    void tooFewWordsIsRejectedWithCount() {
        var e = rejected("short.txt", "The king died. The queen wept.".getBytes());
        assertEquals(StoryRejectedException.Reason.TOO_SHORT, e.reason());
        assertTrue(e.getMessage().contains("has 6 words") && e.getMessage().contains("at least 50"), e.getMessage());
    }

    @Test
    void normalisesLineEndsBomAndMarkdown() {
        String md = "\uFEFF# The Miller's Daughter\r\n\r\n\r\n\r\n" + "**Once** there was a [miller](http://x) who "
                + "had a _daughter_. " + STORY + "\r\n";
        IngestedStory s = ingest.ingest("miller.md", md.getBytes(StandardCharsets.UTF_8));
        assertEquals("The Miller's Daughter", s.title());
        assertTrue(
                s.text().startsWith("The Miller's Daughter\n\nOnce there was a miller who had a daughter."), s.text());
        assertTrue(!s.text().contains("\r")
                && !s.text().contains("**")
                && !s.text().contains("http"));
        assertEquals(64, s.sha256().length());
    }

    @Test
    void titleFallsBackToFileName() {
        IngestedStory s = ingest.ingest("dir/the-goose-girl.txt", STORY.getBytes(StandardCharsets.UTF_8));
        assertEquals("The goose girl", s.title());
        assertEquals(90, s.words());
    }
}
