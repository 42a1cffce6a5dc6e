package lemon.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lemon.port.Checkpoints;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;

/**
 * A stage's view of its run at one iteration. Writes go to this iteration's keys and are recorded
 * as the stage's outputs; reads see the newest version of a file at this iteration or before, so
 * a stage at iteration 2 reads what iteration 2 (or else 1, else 0) wrote.
 */
public final class StageContext {
    static final String CHECKPOINTS = "checkpoints/";

    private final RunStore runs;
    private final RunManifest manifest;
    private final int iteration;
    private final List<String> outputs = new ArrayList<>();

    public StageContext(RunStore runs, RunManifest manifest, int iteration) {
        this.runs = runs;
        this.manifest = manifest;
        this.iteration = iteration;
    }

    public String runId() {
        return manifest.runId();
    }

    public int iteration() {
        return iteration;
    }

    public RunManifest manifest() {
        return manifest;
    }

    public RunOptions options() {
        return manifest.options();
    }

    /** The files written so far, run-relative, in the order written. */
    public List<String> outputs() {
        return List.copyOf(outputs);
    }

    public void write(String file, Object value) {
        record(file);
        runs.write(runId(), StageKey.file(file, iteration), value);
    }

    public void writeBytes(String file, byte[] bytes) {
        record(file);
        runs.writeBytes(runId(), StageKey.file(file, iteration), bytes);
    }

    public void writeText(String file, String text) {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private void record(String file) {
        String key = StageKey.file(file, iteration);
        if (!outputs.contains(key)) {
            outputs.add(key);
        }
    }

    /**
     * Training state named {@code name} at this iteration, in the run's store under
     * {@code checkpoints/}: not an output of the stage, but kept across retries of it.
     */
    public Checkpoints checkpoints(String name) {
        String key = RunStore.key(runId(), StageKey.file(CHECKPOINTS + name + ".ckpt", iteration));
        return new Checkpoints() {
            @Override
            public Optional<byte[]> latest() {
                try {
                    return runs.blobs().get(key);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read checkpoint " + key, e);
                }
            }

            @Override
            public void save(byte[] checkpoint) {
                try {
                    runs.blobs().put(key, checkpoint);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot write checkpoint " + key + " to "
                                    + runs.blobs().describe(),
                            e);
                }
            }
        };
    }

    public <T> Optional<T> read(String file, TypeReference<T> type) {
        return newest(file).flatMap(key -> runs.read(runId(), key, type));
    }

    public <T> T require(String file, TypeReference<T> type) {
        return read(file, type).orElseThrow(() -> missing(file));
    }

    public String requireText(String file) {
        return new String(bytes(file).orElseThrow(() -> missing(file)), StandardCharsets.UTF_8);
    }

    public Optional<byte[]> bytes(String file) {
        return newest(file).flatMap(this::bytesAt);
    }

    /** The run file under its exact run-relative key ({@link StageKey#file}), no iteration lookup. */
    public Optional<byte[]> bytesAt(String key) {
        try {
            return runs.blobs().get(RunStore.key(runId(), key));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + RunStore.key(runId(), key) + " from "
                            + runs.blobs().describe(),
                    e);
        }
    }

    /** {@code file} as iteration {@code at} (or the newest before it) wrote it: a later stage reading a loop's last pass. */
    public <T> Optional<T> readAt(String file, int at, TypeReference<T> type) {
        return newest(file, at).flatMap(key -> runs.read(runId(), key, type));
    }

    /**
     * {@code file} as an earlier iteration wrote it, never this one: what a stage that rewrites the
     * file at this iteration started from, even on a retry after a partial write.
     */
    public <T> Optional<T> readEarlier(String file, TypeReference<T> type) {
        return iteration == 0 ? Optional.empty() : readAt(file, iteration - 1, type);
    }

    /** As {@link #readEarlier}, the raw bytes. */
    public Optional<byte[]> bytesEarlier(String file) {
        return iteration == 0 ? Optional.empty() : newest(file, iteration - 1).flatMap(this::bytesAt);
    }

    private Optional<String> newest(String file) {
        return newest(file, iteration);
    }

    private Optional<String> newest(String file, int from) {
        try {
            for (int i = from; i > 0; i--) {
                String key = StageKey.file(file, i);
                if (runs.blobs().exists(RunStore.key(runId(), key))) {
                    return Optional.of(key);
                }
            }
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot look up " + file + " in " + runs.blobs().describe(), e);
        }
    }

    private IllegalStateException missing(String file) {
        return new IllegalStateException(
                "run " + runId() + " has no " + file + " yet; the stage that writes it has not completed");
    }
}
