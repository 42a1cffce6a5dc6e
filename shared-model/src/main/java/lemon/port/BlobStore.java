package lemon.port;

import java.io.IOException;
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

    /** Keys that start with {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    void delete(String key) throws IOException;

    /** Human-readable location for messages ("./lemon-runs", "s3://bucket/prefix"). */
    String describe();
}
