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

    Optional<byte[]> get(String key) throws IOException;

    boolean exists(String key) throws IOException;

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
