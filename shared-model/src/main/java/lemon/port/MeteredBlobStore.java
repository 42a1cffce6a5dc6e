package lemon.port;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A store that counts what is asked of it into one {@link StageAttempt.Usage}, in the requests and
 * bytes S3 would bill for it: a put or conditional put is one PUT-class request, a get or ranged get
 * one GET, an existence check one HEAD (GET class), a listing one LIST per page of
 * {@value #LIST_PAGE} keys (S3's ListObjectsV2 page); deletes are free on S3 and not counted, and
 * sweeping leaves nothing to do on S3. The same counts come from every store (a local folder too), so
 * a local run is priced as the same run on S3, as its times are priced as on Lambda.
 *
 * <p>One instance per stage call, around the store that call uses: stages of several runs (or the
 * CLI's Map iterations) may run at once in one JVM, and each must count only its own requests, so
 * there is no global counter and no thread-local one (a stage's own worker threads count too). The
 * counts are what this process asked for; retries the S3 client makes by itself are not seen here.
 */
public final class MeteredBlobStore implements BlobStore {
    /** Keys per ListObjectsV2 page, so one LIST request per this many keys listed. */
    public static final int LIST_PAGE = 1000;

    private final BlobStore inner;
    private final StageAttempt.Usage usage;

    public MeteredBlobStore(BlobStore inner, StageAttempt.Usage usage) {
        this.inner = inner;
        this.usage = usage;
    }

    // a request is counted before it is made, as S3 bills requests that fail too; a listing's pages
    // are known only from its answer

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        usage.addStoreRequests(1, 0, bytes.length, 0);
        inner.put(key, bytes);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        // the body travels whether or not the key was free; a refused put's adapter may add one HEAD
        // to tell its own earlier try from another writer, which is rare enough to leave out
        usage.addStoreRequests(1, 0, bytes.length, 0);
        return inner.putIfAbsent(key, bytes);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        usage.addStoreRequests(0, 1, 0, 0);
        Optional<byte[]> got = inner.get(key);
        got.ifPresent(b -> usage.addStoreRequests(0, 0, 0, b.length));
        return got;
    }

    @Override
    public Optional<Capped> getCapped(String key, long maxBytes) throws IOException {
        usage.addStoreRequests(0, 1, 0, 0);
        Optional<Capped> got = inner.getCapped(key, maxBytes);
        // over the cap, adapters read at most the cap plus one byte before they give up
        got.ifPresent(c -> usage.addStoreRequests(0, 0, 0, c.overCap() ? Math.min(c.size(), maxBytes + 1) : c.size()));
        return got;
    }

    @Override
    public boolean exists(String key) throws IOException {
        usage.addStoreRequests(0, 1, 0, 0);
        return inner.exists(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = inner.list(prefix);
        // even an empty listing is one request
        usage.addStoreRequests(Math.max(1, (keys.size() + LIST_PAGE - 1) / LIST_PAGE), 0, 0, 0);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        inner.delete(key);
    }

    @Override
    public int sweep(String prefix, Duration olderThan) throws IOException {
        return inner.sweep(prefix, olderThan);
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
