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

    Optional<byte[]> get(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Keys that start with {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    void delete(String key) throws IOException;

    /** Human-readable location for messages ("./lemon-runs", "s3://bucket/prefix"). */
    String describe();
}
