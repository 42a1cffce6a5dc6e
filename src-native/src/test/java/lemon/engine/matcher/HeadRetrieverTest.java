package lemon.engine.matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.cd.CdDatabase;
import lemon.cd.CdDatabaseGenerator;
import lemon.retrieval.MlpHead;
import lemon.retrieval.PairEmbeddings;
import lemon.story.CdPair;
import lemon.story.CharacterMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void mismatchedCacheIsRecomputedNotTrusted(@TempDir Path dir) throws IOException {
        // Three whole scripts (a pair's masked windows depend on its script's cast): encoding all
        // 380 pairs again would prove the same thing in 20 s instead of 1.
        Path subset = dir.resolve("cd-subset.jsonl");
        List<String> scripts = CdDatabase.bundled().pairs().stream()
                .map(CdPair::script)
                .distinct()
                .limit(3)
                .toList();
        try (InputStream in = CdDatabase.class.getResourceAsStream(CdDatabase.BUNDLED_RESOURCE)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> scripts.stream().anyMatch(s -> l.contains("\"script\":\"" + s + "\"")))
                    .toList();
            Files.write(subset, lines);
        }
        CdDatabase db = CdDatabase.load(subset);
        assertTrue(db.pairs().size() >= 12, "subset of " + db.pairs().size() + " pairs");
        MlpHead head = HeadRetriever.bundledHead();
        PairEmbeddings committed = HeadRetriever.bundledEmbeddings();
        List<String> ids = db.pairs().stream().map(CdPair::id).toList();
        float[][] committedVectors = ids.stream()
                .map(id -> committed.vectors()[committed.ids().indexOf(id)])
                .toArray(float[][]::new);

        PairEmbeddings trusted = new PairEmbeddings(db.checksum(), head.checksum(), ids, committedVectors);
        PairEmbeddings stale = new PairEmbeddings(db.checksum(), "0".repeat(64), ids, committedVectors);
        HeadRetriever cached = new HeadRetriever(db, head, CachingEncoder.SHARED, trusted);
        HeadRetriever fresh = new HeadRetriever(db, head, CachingEncoder.SHARED, stale);
        assertTrue(cached.usedCache());
        assertTrue(!fresh.usedCache());
        // The recomputed embeddings agree with the committed ones.
        float[][] recomputed = HeadRetriever.encodePairs(db, head, CachingEncoder.SHARED);
        for (int i = 0; i < ids.size(); i++) assertArrayEquals(committedVectors[i], recomputed[i], 1e-4f, ids.get(i));
        var q = Map.of("x", List.of("someone chops firewood in the forest and finds a cave full of gold."));
        assertEquals(
                cached.match(q, 3).get(0).matches().stream()
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
