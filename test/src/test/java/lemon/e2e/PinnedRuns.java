package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lemon.functions.LocalRun;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.storage.BlobStores;

/**
 * Runs on the default options (but two portraits per character) up to the portraits, made once per test JVM and shared: the pinned
 * hashes and the workflow's content checks read the same run instead of painting it twice. Nothing
 * that uses one may change it.
 */
final class PinnedRuns {
    /**
     * The stages up to the portraits: the refine loop's outputs are pinned by its own test. Two portraits per
     * character rather than the default five: portrait i of a character is painted from its own seed, so its bytes
     * do not depend on how many are asked for (the first two of five were checked equal to these), and three
     * more per character would add about 20 s to the test run for no code that the first two do not cover.
     */
    static final int PORTRAITS = 2;

    static final RunOptions OPTIONS = new RunOptions(RunOptions.DEFAULT_SCENES, RunOptions.DEFAULT_TOP_K, PORTRAITS);

    static final String RUN_ID = "pinned";

    /** A finished run: its store's folder, the store, and what the runner printed. */
    record Run(Path store, RunStore runs, String progress) {
        Path dir() {
            return store.resolve(RUN_ID);
        }
    }

    private static final Map<String, Run> RUNS = new HashMap<>();

    private PinnedRuns() {}

    /** The run of the given story bytes (uploaded as {@code fileName}), made on first use. */
    static synchronized Run of(String fileName, byte[] story) {
        return RUNS.computeIfAbsent(fileName, f -> start(f, story));
    }

    private static Run start(String fileName, byte[] story) {
        try {
            // a folder of this JVM's own: test classes run in two JVMs at once
            Path store = Files.createTempDirectory("lemon-pinned-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(store)));
            RunStore runs = new RunStore(BlobStores.fromUri(store.toString()));
            runs.blobs().put("uploads/" + fileName, story);
            var log = new ByteArrayOutputStream();
            LocalRun.Outcome outcome = LocalRun.start(
                    Fixtures.functions(Fixtures.defaultSettings(store.toString())),
                    "uploads/" + fileName,
                    OPTIONS,
                    RUN_ID,
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            assertTrue(outcome.succeeded(), outcome + "\n" + log);
            return new Run(store, runs, log.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try {
            lemon.util.FileTrees.delete(root);
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
