package lemon.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.story.Gender;
import lemon.story.InteractionGraph;
import lemon.story.Scene;
import lemon.story.StoryAnalysis;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

/** Sentences, Chunker, AnalysisMerger and CharacterContexts. */
class SupportTest {

    @Test
    void sentencesHandleAbbreviationsQuotesAndParagraphs() {
        String text = "Mr. Smith went to St. Ives. He said: “Open, Sesame!” and it\nopened.\n\n"
                + "THE END\n\n‘Who is there?’ asked the witch. ‘Only me,’ said Dr. Brown.";
        List<String> s = Sentences.split(text);
        assertEquals(
                List.of(
                        "Mr. Smith went to St. Ives.",
                        "He said: “Open, Sesame!” and it opened.",
                        "THE END",
                        "‘Who is there?’ asked the witch.",
                        "‘Only me,’ said Dr. Brown."),
                s);
    }

    @Test
    void chunksStayUnderTheTokenLimitAndOverlap() {
        String text = Tales.read("forty-thieves.txt");
        List<String> chunks = Chunker.chunks(text, 1000);
        assertTrue(chunks.size() >= 5, "chunks: " + chunks.size());
        for (String c : chunks) assertTrue(Chunker.estimateTokens(c) <= 1000, "" + Chunker.estimateTokens(c));
        for (int i = 1; i < chunks.size(); i++) {
            List<String> prev = Sentences.split(chunks.get(i - 1));
            assertTrue(chunks.get(i).startsWith(prev.get(prev.size() - 1)), "chunk " + i + " overlaps");
        }
        // Every sentence of the story is in some chunk.
        String joined = String.join(" ", chunks);
        for (String s : Sentences.split(text)) assertTrue(joined.contains(s), s);
        // A sentence longer than the limit is still cut to fit.
        String longSentence = "word ".repeat(500).strip() + ".";
        for (String c : Chunker.chunks(longSentence, 100)) assertTrue(Chunker.estimateTokens(c) <= 100);
    }

    @Test
    void mergerJoinsAliasesAcrossChunks() {
        StoryCharacter ali1 = new StoryCharacter("ali-baba", "Ali Baba", List.of("Baba"), Gender.MALE, "woodcutter", 5);
        StoryCharacter mor1 = new StoryCharacter("morgiana", "Morgiana", List.of(), Gender.UNKNOWN, "", 2);
        StoryCharacter ali2 = new StoryCharacter("baba", "Baba", List.of(), Gender.UNKNOWN, "", 3);
        StoryCharacter mor2 =
                new StoryCharacter("morgiana", "Morgiana", List.of("the slave"), Gender.FEMALE, "slave", 4);
        StoryAnalysis p1 = new StoryAnalysis(
                List.of(ali1, mor1),
                List.of(
                        new Scene(0, "Ali Baba meets Morgiana", List.of("ali-baba", "morgiana")),
                        new Scene(1, "Ali Baba hides", List.of("ali-baba"))),
                new InteractionGraph(
                        List.of("ali-baba", "morgiana"),
                        List.of(new InteractionGraph.Edge("ali-baba", "morgiana", 2, 1.0))),
                List.of());
        StoryAnalysis p2 = new StoryAnalysis(
                List.of(ali2, mor2),
                List.of(new Scene(0, "Baba thanks Morgiana", List.of("baba", "morgiana"))),
                new InteractionGraph(
                        List.of("baba", "morgiana"), List.of(new InteractionGraph.Edge("baba", "morgiana", 4, 1.0))),
                List.of("w"));
        StoryAnalysis m = AnalysisMerger.merge(List.of(p1, p2), 2);
        assertEquals(2, m.characters().size());
        StoryCharacter ali = m.characters().stream()
                .filter(c -> c.id().equals("ali-baba"))
                .findFirst()
                .orElseThrow();
        assertEquals("Ali Baba", ali.name());
        assertEquals(8, ali.mentions());
        assertTrue(ali.aliases().contains("Baba"));
        StoryCharacter mor = m.characters().stream()
                .filter(c -> c.id().equals("morgiana"))
                .findFirst()
                .orElseThrow();
        assertEquals(Gender.FEMALE, mor.gender());
        assertEquals(6, mor.mentions());
        assertEquals(
                List.of(new InteractionGraph.Edge("ali-baba", "morgiana", 6, 1.0)),
                m.graph().edges());
        assertEquals(2, m.scenes().size());
        assertEquals(List.of(0, 1), m.scenes().stream().map(Scene::index).toList());
        for (Scene s : m.scenes()) assertFalse(s.characterIds().contains("baba"));
        assertEquals(List.of("w"), m.warnings());
    }

    @Test
    void chunkedAnalysisMergesBackToOneAliBaba() {
        String text = Tales.read("forty-thieves.txt");
        OfflineAnalyst analyst = new OfflineAnalyst();
        List<StoryAnalysis> parts = Chunker.chunks(text, 1500).stream()
                .map(c -> analyst.analyze(c, 10))
                .toList();
        StoryAnalysis m = AnalysisMerger.merge(parts, 30);
        assertEquals(
                1,
                m.characters().stream().filter(c -> c.name().equals("Ali Baba")).count());
        assertEquals("ali-baba", m.characters().get(0).id());
        assertEquals(30, m.scenes().size());
        assertEquals(1.0, m.graph().edges().get(0).weight(), 1e-9);
    }

    @Test
    void contextWindowsMaskEveryName() {
        String text = Tales.read("forty-thieves.txt");
        StoryAnalysis a = new OfflineAnalyst().analyze(text, 30);
        StoryCharacter morgiana = a.characters().stream()
                .filter(c -> c.name().equals("Morgiana"))
                .findFirst()
                .orElseThrow();
        List<String> windows = CharacterContexts.windows(text, morgiana, a.characters(), 8);
        assertEquals(8, windows.size());
        for (String w : windows) {
            assertTrue(w.contains(CharacterContexts.SELF), w);
            assertFalse(w.contains("Morgiana"), w);
            assertFalse(w.contains("Ali Baba"), w);
            assertFalse(w.contains("Cassim"), w);
        }
        List<String> sentences = CharacterContexts.mentionSentences(text, morgiana, a.characters());
        assertEquals(morgiana.mentions(), sentences.size());
        for (String s : sentences) assertTrue(s.contains("Morgiana"), s);
    }

    @Test
    void noEndsASentenceUnlessANumberFollows() {
        // "Weiss said no. Ernie Cobb opened his door" was one sentence, so the next "He" had no one to be about
        assertEquals(
                List.of("Weiss said no.", "Ernie Cobb opened his door.", "He lived at No. 7 Dock Road."),
                Sentences.split("Weiss said no. Ernie Cobb opened his door. He lived at No. 7 Dock Road."));
    }
}
