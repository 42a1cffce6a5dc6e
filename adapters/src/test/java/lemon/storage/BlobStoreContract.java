package lemon.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import lemon.port.BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link BlobStore} adapter must do; subclasses supply a fresh, empty store. */
abstract class BlobStoreContract {
    BlobStore store;

    abstract BlobStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void putThenGet() throws IOException {
        store.put("runs/r1/manifest.json", bytes("{\"a\":1}"));
        assertArrayEquals(bytes("{\"a\":1}"), store.get("runs/r1/manifest.json").orElseThrow());
        assertTrue(store.exists("runs/r1/manifest.json"));
    }

    @Test
    void emptyAndBinaryContent() throws IOException {
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        store.put("runs/r1/image.png", binary);
        store.put("runs/r1/empty", new byte[0]);
        assertArrayEquals(binary, store.get("runs/r1/image.png").orElseThrow());
        assertArrayEquals(new byte[0], store.get("runs/r1/empty").orElseThrow());
    }

    @Test
    void overwriteReplacesTheWholeContent() throws IOException {
        store.put("runs/r1/x.json", bytes("a much longer first version"));
        store.put("runs/r1/x.json", bytes("short"));
        assertArrayEquals(bytes("short"), store.get("runs/r1/x.json").orElseThrow());
        assertEquals(List.of("runs/r1/x.json"), store.list("runs/"));
    }

    @Test
    void putIfAbsentWritesOnlyWhenNothingIsThere() throws IOException {
        assertTrue(store.putIfAbsent("runs/r1/manifest.json", bytes("first")));
        assertFalse(store.putIfAbsent("runs/r1/manifest.json", bytes("second, longer")));
        assertArrayEquals(bytes("first"), store.get("runs/r1/manifest.json").orElseThrow());
        assertEquals(List.of("runs/r1/manifest.json"), store.list("runs/"), "a refused write leaves nothing");
        store.delete("runs/r1/manifest.json");
        assertTrue(store.putIfAbsent("runs/r1/manifest.json", bytes("third")));
        assertArrayEquals(bytes("third"), store.get("runs/r1/manifest.json").orElseThrow());
    }

    /** Racing writers on each key: one winner, and the stored bytes are the winner's, whole. */
    @Test
    void putIfAbsentHasExactlyOneWinnerUnderARace() throws Exception {
        int writers = 6;
        int keys = 5;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            for (int k = 0; k < keys; k++) {
                String key = "runs/race" + k + "/manifest.json";
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    byte[] mine = bytes(("writer " + w + " ").repeat(200 + w));
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.putIfAbsent(key, mine);
                    }));
                }
                start.countDown();
                int winner = -1;
                for (int w = 0; w < writers; w++) {
                    if (results.get(w).get()) {
                        assertEquals(-1, winner, key + ": writers " + winner + " and " + w + " both won");
                        winner = w;
                    }
                }
                assertTrue(winner >= 0, key + ": nobody won");
                assertArrayEquals(
                        bytes(("writer " + winner + " ").repeat(200 + winner)),
                        store.get(key).orElseThrow(),
                        key);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingKeys() throws IOException {
        assertEquals(Optional.empty(), store.get("runs/none/manifest.json"));
        assertFalse(store.exists("runs/none/manifest.json"));
        assertEquals(List.of(), store.list("runs/none/"));
        store.delete("runs/none/manifest.json"); // deleting what is not there is fine
    }

    @Test
    void getCappedHasTheBytesWithinTheCapAndOnlyTheSizeOverIt() throws IOException {
        byte[] thousand = new byte[1000];
        java.util.Arrays.fill(thousand, (byte) 'x');
        store.put("uploads/a/story.txt", thousand);
        store.put("uploads/a/empty.txt", new byte[0]);
        BlobStore.Capped within = store.getCapped("uploads/a/story.txt", 1000).orElseThrow();
        assertFalse(within.overCap());
        assertArrayEquals(thousand, within.bytes());
        BlobStore.Capped over = store.getCapped("uploads/a/story.txt", 999).orElseThrow();
        assertTrue(over.overCap());
        assertEquals(1000, over.size());
        assertArrayEquals(
                new byte[0],
                store.getCapped("uploads/a/empty.txt", 10).orElseThrow().bytes());
        assertEquals(Optional.empty(), store.getCapped("uploads/a/none.txt", 10));
    }

    @Test
    void listIsSortedAndFilteredByPrefix() throws IOException {
        for (String k : List.of(
                "runs/r2/b.json",
                "runs/r1/z.json",
                "runs/r1/a.json",
                "runs/r10/a.json",
                "runs/r1/sub/deep.json",
                "other/x")) {
            store.put(k, bytes(k));
        }
        assertEquals(List.of("runs/r1/a.json", "runs/r1/sub/deep.json", "runs/r1/z.json"), store.list("runs/r1/"));
        assertEquals(
                List.of("runs/r1/a.json", "runs/r1/sub/deep.json", "runs/r1/z.json", "runs/r10/a.json"),
                store.list("runs/r1"));
        assertEquals(6, store.list("").size());
        assertEquals("other/x", store.list("").get(0));
    }

    @Test
    void deleteRemovesOnlyThatKey() throws IOException {
        store.put("runs/r1/a", bytes("a"));
        store.put("runs/r1/b", bytes("b"));
        store.delete("runs/r1/a");
        assertFalse(store.exists("runs/r1/a"));
        assertEquals(Optional.empty(), store.get("runs/r1/a"));
        assertEquals(List.of("runs/r1/b"), store.list("runs/"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/etc/passwd",
                "runs/../secret",
                "..",
                "runs//x",
                "runs/x/",
                "runs\\x",
                "./x",
                "runs/.lemon-tmp-1.tmp"
            })
    void badKeysAreRejected(String key) {
        assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.putIfAbsent(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(key));
    }

    @Test
    void badPrefixesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.list("../"));
        assertThrows(IllegalArgumentException.class, () -> store.list("/runs"));
    }

    @Test
    void describesItself() {
        assertFalse(store.describe().isBlank());
    }
}
