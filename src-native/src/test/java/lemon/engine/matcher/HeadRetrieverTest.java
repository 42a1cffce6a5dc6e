package lemon.engine.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.cd.CdDatabase;
import lemon.cd.CdDatabaseGenerator;
import lemon.retrieval.PairEmbeddings;
import lemon.story.CharacterMatch;
import org.junit.jupiter.api.Test;

class HeadRetrieverTest {
    private static final Map<String, String> ARCHETYPE =
            CdDatabaseGenerator.generate().archetypeById();

    @Test
    void storyCharactersRetrievePairsOfTheSameRole() {
        HeadRetriever r = HeadRetriever.bundled();
        assertTrue(r.usedCache(), "committed embeddings should match the bundled database and head");
        Map<String, List<String>> story = new LinkedHashMap<>();
        story.put(
                "alibaba",
                List.of(
                        "someone was a poor woodcutter who earned his living by gathering firewood in the forest and selling it in the town.",
                        "When the thieves had ridden away, someone said the word himself and went into the cave. He loaded his asses with bags of gold and hid them under wood so nobody would see.",
                        "someone told his wife to be quiet and helped her bury the gold in the garden."));
        story.put(
                "stepmother",
                List.of(
                        "The queen looked into her magic mirror and asked who was the fairest in the land. When someone heard that her stepdaughter was fairer, she turned pale with envy and ordered a huntsman to kill the child."));
        List<CharacterMatch> matches = r.match(story, 5);
        assertEquals(
                List.of("alibaba", "stepmother"),
                matches.stream().map(CharacterMatch::characterId).toList());
        for (CharacterMatch m : matches) {
            assertEquals(5, m.matches().size());
            for (int i = 1; i < 5; i++)
                assertTrue(m.matches().get(i - 1).score() >= m.matches().get(i).score());
        }
        assertRole(matches.get(0), "woodcutter");
        assertRole(matches.get(1), "stepmother");
        assertEquals("woodcutter", ARCHETYPE.get(matches.get(0).matches().get(0).cdId()));
    }

    private static void assertRole(CharacterMatch m, String archetype) {
        long hits = m.matches().stream()
                .filter(s -> archetype.equals(ARCHETYPE.get(s.cdId())))
                .count();
        assertTrue(hits >= 3, m.characterId() + " top-5: " + m.matches());
    }

    @Test
    void nameAndPairLookup() {
        HeadRetriever r = HeadRetriever.bundled();
        assertTrue(r.name().matches("minilm-l6-v2\\+mlp-head:[0-9a-f]{12}"), r.name());
        assertEquals("s001-c1", r.pair("s001-c1").id());
        assertThrows(IllegalArgumentException.class, () -> r.pair("missing"));
        assertEquals(List.of(), r.match(Map.of("nobody", List.of()), 5).get(0).matches());
    }

    @Test
    void mismatchedCacheIsRecomputedNotTrusted() {
        CdDatabase db = CdDatabase.bundled();
        PairEmbeddings cached = HeadRetriever.bundledEmbeddings();
        PairEmbeddings stale = new PairEmbeddings(cached.dbChecksum(), "0".repeat(64), cached.ids(), cached.vectors());
        HeadRetriever fresh = new HeadRetriever(db, HeadRetriever.bundledHead(), CachingEncoder.SHARED, stale);
        assertTrue(!fresh.usedCache());
        // The recomputed embeddings agree with the committed ones.
        var q = Map.of("x", List.of("someone chops firewood in the forest and finds a cave full of gold."));
        assertEquals(
                HeadRetriever.bundled().match(q, 3).get(0).matches().stream()
                        .map(CharacterMatch.Scored::cdId)
                        .toList(),
                fresh.match(q, 3).get(0).matches().stream()
                        .map(CharacterMatch.Scored::cdId)
                        .toList());
    }

    @Test
    void randomRetrieverIsSeededAndIgnoresContext() {
        CdDatabase db = CdDatabase.bundled();
        RandomRetriever a = new RandomRetriever(db, 1), b = new RandomRetriever(db, 1), c = new RandomRetriever(db, 2);
        var q = Map.of("c1", List.of("someone chops wood."));
        assertEquals(a.match(q, 5), b.match(q, 5));
        assertNotEquals(a.match(q, 5), c.match(q, 5));
        assertEquals(5, a.match(q, 5).get(0).matches().size());
        assertEquals("random:seed=1", a.name());
    }
}
