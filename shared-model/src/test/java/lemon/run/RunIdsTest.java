package lemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/** The run-id battery: every bad id gets the same one message, and no key of it reaches a store. */
class RunIdsTest {
    static final String RULE = " is not valid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter"
            + " or digit, and not uploads or tenants (the store keeps its own files there)";

    static final List<String> BAD = List.of(
            "a/b",
            "../../etc",
            "..",
            ".",
            "",
            " ",
            "a b",
            ".hidden",
            "-x",
            "_x",
            "x".repeat(65),
            "uploads",
            "Uploads",
            "UPLOADS",
            "tenants",
            "Tenants",
            "a\0b",
            "tab\there",
            "line\nbreak",
            "a\\b",
            "/abs",
            "café",
            "a:b",
            "~home",
            "*");

    @Test
    void everyBadIdGetsTheSameMessage() {
        for (String id : BAD) {
            assertFalse(RunIds.valid(id), id);
            var e = assertThrows(RunIds.InvalidRunIdException.class, () -> RunIds.check(id), id);
            assertTrue(e.getMessage().startsWith("run id '") && e.getMessage().endsWith(RULE), e.getMessage());
            assertFalse(e.getMessage().contains("{runId}"), e.getMessage());
        }
        assertFalse(RunIds.valid(null));
    }

    @Test
    void theMessageShowsTheIdSafely() {
        assertEquals("run id 'a/b'" + RULE, new RunIds.InvalidRunIdException("a/b").getMessage());
        assertTrue(
                new RunIds.InvalidRunIdException("line\nbreak").getMessage().startsWith("run id 'line\\u000abreak'"));
        String longOne = new RunIds.InvalidRunIdException("y".repeat(5000)).getMessage();
        assertTrue(longOne.contains("…' (5000 characters)") && longOne.length() < 400, longOne);
    }

    @Test
    void goodIdsPass() {
        for (String id : List.of("r1", "clash", "20261201-120000-3fa2c1", "a.b_c-d", "x".repeat(64), "uploads2", "9")) {
            assertEquals(id, RunIds.check(id));
        }
        String generated = RunIds.generate(TestRuns.CLOCK);
        assertTrue(generated.matches("20261201-120000-[0-9a-f]{6}"), generated);
        assertTrue(RunIds.valid(generated));
    }

    @Test
    void noKeyOfABadIdReachesTheStore() throws Exception {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        RunStore runs = new RunStore(blobs);
        for (String id : BAD) {
            assertThrows(RunIds.InvalidRunIdException.class, () -> runs.writeBytes(id, "story.txt", new byte[] {1}));
            assertThrows(RunIds.InvalidRunIdException.class, () -> runs.exists(id));
        }
        assertEquals(List.of(), blobs.list(""));
    }
}
