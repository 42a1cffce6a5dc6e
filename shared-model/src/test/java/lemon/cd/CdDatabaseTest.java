package lemon.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lemon.retrieval.ContextWindows;
import lemon.story.CdPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdDatabaseTest {
    @Test
    void bundledDatabaseIsLargeVariedAndWellFormed() {
        CdDatabase db = CdDatabase.bundled();
        assertTrue(db.pairs().size() >= 300, "pairs: " + db.pairs().size());
        Set<String> genres = db.pairs().stream().map(CdPair::genre).collect(Collectors.toSet());
        assertTrue(genres.size() >= 6, "genres: " + genres);
        Map<String, Long> perScript =
                db.pairs().stream().collect(Collectors.groupingBy(CdPair::script, Collectors.counting()));
        perScript.forEach((s, n) -> assertTrue(n >= 3 && n <= 6, s + " has " + n + " characters"));
        for (CdPair p : db.pairs()) {
            int windows = ContextWindows.windows(p.context(), p.character()).size();
            assertTrue(windows >= 5, p.id() + " gives only " + windows + " windows");
        }
        // Contexts are varied, not clones: no two characters share a context.
        assertEquals(
                db.pairs().size(),
                db.pairs().stream().map(CdPair::context).distinct().count());
        assertEquals(64, db.checksum().length());
        assertEquals("s001-c1", db.byId("s001-c1").id());
        assertThrows(IllegalArgumentException.class, () -> db.byId("nope"));
    }

    @Test
    void generatorReproducesTheCommittedFileByteForByte() throws IOException {
        byte[] committed;
        try (InputStream in = CdDatabase.class.getResourceAsStream(CdDatabase.BUNDLED_RESOURCE)) {
            committed = in.readAllBytes();
        }
        byte[] generated = CdDatabaseGenerator.toJsonl(
                        CdDatabaseGenerator.generate().pairs())
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(committed, generated, "regenerate with ./lemon cd-database");
    }

    @Test
    void generatorIsDeterministicAndSeedDependent() {
        var a = CdDatabaseGenerator.generate(5, 10).pairs();
        assertEquals(a, CdDatabaseGenerator.generate(5, 10).pairs());
        assertTrue(!a.equals(CdDatabaseGenerator.generate(6, 10).pairs()));
    }

    @Test
    void badFileReportsEveryBadLineWithItsNumber(@TempDir Path dir) throws IOException {
        String good =
                "{\"id\":\"a\",\"script\":\"S\",\"genre\":\"drama\",\"character\":\"Ann\",\"context\":\"Ann runs.\",\"description\":\"a woman\"}";
        Path file = dir.resolve("cd.jsonl");
        Files.writeString(
                file,
                String.join(
                                "\n",
                                List.of(
                                        good, // 1 ok
                                        "{\"id\":\"b\",\"script\":\"S\",\"genre\":\"drama\",\"character\":\"Bo\",\"context\":\"Bo sits.\"}", // 2 missing description
                                        "{not json", // 3 invalid JSON
                                        "", // 4 blank: allowed
                                        good, // 5 duplicate id
                                        "{\"id\":\"c\",\"script\":\"\",\"genre\":\"drama\",\"character\":\"C\",\"context\":\"C.\",\"description\":\"d\"}", // 6 empty script
                                        "[1,2]"))
                        + "\n"); // 7 not an object
        CdDatabaseException e = assertThrows(CdDatabaseException.class, () -> CdDatabase.load(file));
        List<String> p = e.problems();
        assertEquals(5, p.size(), e.getMessage());
        assertEquals("cd.jsonl line 2: missing field 'description'", p.get(0));
        assertTrue(p.get(1).startsWith("cd.jsonl line 3: invalid JSON"), p.get(1));
        assertEquals("cd.jsonl line 5: duplicate id 'a' (first on line 1)", p.get(2));
        assertEquals("cd.jsonl line 6: empty field 'script'", p.get(3));
        assertEquals("cd.jsonl line 7: expected a JSON object", p.get(4));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("line 7"));
    }

    @Test
    void userFileLoadsAndChecksumFollowsContent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.jsonl");
        Files.writeString(
                file,
                CdDatabaseGenerator.toJsonl(CdDatabaseGenerator.generate(1, 3).pairs()));
        CdDatabase db = CdDatabase.load(file);
        assertTrue(db.pairs().size() >= 9);
        Set<String> ids = new HashSet<>();
        db.pairs().forEach(p -> ids.add(p.id()));
        assertEquals(db.pairs().size(), ids.size());
        assertTrue(!db.checksum().equals(CdDatabase.bundled().checksum()));
    }
}
