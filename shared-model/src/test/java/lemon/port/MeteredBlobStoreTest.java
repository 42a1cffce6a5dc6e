package lemon.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lemon.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

/** A store's requests and bytes counted as S3 bills them, each count belonging to one usage only. */
class MeteredBlobStoreTest {
    static Map<String, Long> s3(long puts, long gets, long written, long read) {
        return Map.of("s3PutRequests", puts, "s3GetRequests", gets, "s3BytesWritten", written, "s3BytesRead", read);
    }

    @Test
    void countsEachRequestInItsS3PriceClassWithTheBytesMoved() throws Exception {
        InMemoryBlobStore inner = new InMemoryBlobStore();
        StageAttempt.Usage usage = new StageAttempt.Usage();
        BlobStore store = new MeteredBlobStore(inner, usage);
        assertEquals(Map.of(), usage.asMap(), "nothing asked, nothing recorded");

        store.put("r/a.json", new byte[100]); // PUT, 100 bytes up
        assertTrue(store.putIfAbsent("r/b.json", new byte[10])); // PUT
        assertFalse(store.putIfAbsent("r/b.json", new byte[10])); // PUT, refused: still a request with its body
        assertEquals(100, store.get("r/a.json").orElseThrow().length); // GET, 100 bytes down
        assertTrue(store.get("r/missing").isEmpty()); // GET answered 404: billed, nothing read
        assertEquals(10, store.getCapped("r/b.json", 50).orElseThrow().size()); // GET, 10 down
        assertTrue(store.getCapped("r/a.json", 40).orElseThrow().overCap()); // GET, at most cap + 1 = 41 down
        assertTrue(store.exists("r/a.json")); // HEAD: GET class
        assertEquals(s3(3, 5, 120, 151), usage.asMap());

        store.delete("r/b.json"); // free on S3
        assertFalse(inner.exists("r/b.json"), "the delete reached the store");
        assertEquals(s3(3, 5, 120, 151), usage.asMap(), "and was not counted");
    }

    @Test
    void aListingIsOneListRequestPerPageOfAThousandKeys() throws Exception {
        InMemoryBlobStore inner = new InMemoryBlobStore();
        for (int i = 0; i < 2500; i++) {
            inner.put(String.format("r/%04d", i), new byte[1]);
        }
        StageAttempt.Usage usage = new StageAttempt.Usage();
        BlobStore store = new MeteredBlobStore(inner, usage);
        assertEquals(2500, store.list("r/").size());
        assertEquals(s3(3, 0, 0, 0), usage.asMap(), "2,500 keys are three pages");
        assertEquals(List.of(), store.list("none/"));
        assertEquals(s3(4, 0, 0, 0), usage.asMap(), "an empty listing is a request too");
        store.list("r/000");
        assertEquals(s3(5, 0, 0, 0), usage.asMap(), "ten keys, one page");
    }

    @Test
    void countsStayWithTheUsageTheyWereMadeForWhenCallsRunAtOnce() throws Exception {
        // one store behind many metered views, as concurrent stage calls of one JVM share the store
        InMemoryBlobStore shared = new InMemoryBlobStore();
        int calls = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<StageAttempt.Usage> usages = new ArrayList<>();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                StageAttempt.Usage usage = new StageAttempt.Usage();
                usages.add(usage);
                BlobStore view = new MeteredBlobStore(shared, usage);
                int call = c;
                done.add(pool.submit(() -> {
                    go.await();
                    // call c writes c + 1 blobs of c + 1 bytes each and reads each back twice
                    for (int i = 0; i <= call; i++) {
                        String key = "run" + call + "/f" + i;
                        view.put(key, new byte[call + 1]);
                        assertArrayEquals(new byte[call + 1], view.get(key).orElseThrow());
                        view.get(key);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            for (int c = 0; c < calls; c++) {
                long n = c + 1;
                assertEquals(s3(n, 2 * n, n * n, 2 * n * n), usages.get(c).asMap(), "call " + c);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void llmTokensAloneLeaveNoS3Keys() {
        StageAttempt.Usage usage = new StageAttempt.Usage();
        usage.addLlmTokens(10, 5);
        assertEquals(Map.of("llmInputTokens", 10L, "llmOutputTokens", 5L), usage.asMap());
    }
}
