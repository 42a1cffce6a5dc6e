package lemon.port;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where every artefact of a run lives: keys like {@code runs/<runId>/characters.json}.
 * Writes are atomic: a reader sees the old bytes or the new bytes, never a partial file.
 */
public interface BlobStore {
    void put(String key, byte[] bytes) throws IOException;

    /**
     * Writes {@code bytes} under {@code key} only if nothing is stored there, as one atomic step:
     * of several callers racing on one key, in this process or another, exactly one gets true and
     * the stored bytes are the winner's, whole; the others get false and change nothing. This is
     * what creates a run, so two runs can never both claim one run id.
     */
    boolean putIfAbsent(String key, byte[] bytes) throws IOException;

    Optional<byte[]> get(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** A blob read under a cap: its size, and its bytes only when that size is within the cap. */
    record Capped(long size, byte[] bytes) {
        public static Capped over(long size) {
            return new Capped(size, null);
        }

        public boolean overCap() {
            return bytes == null;
        }
    }

    /**
     * Reads {@code key} only if it has at most {@code maxBytes}; a larger blob is never fetched or
     * held whole (an upload of 3 GB would not fit in memory), only its size is learnt. Adapters read
     * at most {@code maxBytes + 1} bytes; this default, for stores already in memory, reads it all.
     */
    default Optional<Capped> getCapped(String key, long maxBytes) throws IOException {
        return get(key).map(b -> b.length > maxBytes ? Capped.over(b.length) : new Capped(b.length, b));
    }

    /** Keys that start with {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    void delete(String key) throws IOException;

    /**
     * Removes what interrupted writes left under {@code prefix} (a killed process's temporary files)
     * once untouched for {@code olderThan}, and says how many; keys are never touched. Stores whose
     * writes leave nothing behind (S3's single PUT, memory) have nothing to do.
     */
    default int sweep(String prefix, Duration olderThan) throws IOException {
        return 0;
    }

    /** Human-readable location for messages ("./lemon-runs", "s3://bucket/prefix"). */
    String describe();
}
