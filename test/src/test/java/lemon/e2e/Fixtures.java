package lemon.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import lemon.config.PipelineSettings;
import lemon.functions.Engines;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.llm.LlmSettings;

/** Paths to the shared tales and ready-wired stage functions over a given store. */
final class Fixtures {
    /** The paper's T=30 scenes and K=3 examples; one portrait per character keeps the tests quick. */
    static final lemon.run.RunOptions OPTIONS = new lemon.run.RunOptions(30, 3, 1);

    private Fixtures() {}

    static Path sharedDir() {
        String p = System.getProperty("lemon.shared.dir");
        Path dir = p != null ? Path.of(p) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir.resolve("data/tales"))) {
            throw new IllegalStateException("shared data not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static byte[] tale(String name) {
        try {
            return Files.readAllBytes(sharedDir().resolve("data/tales/" + name + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LlmSettings offline() {
        return new LlmSettings(
                "offline", null, null, "LEMON_LLM_API_KEY", "us-east-1", null, Duration.ofSeconds(30), 3);
    }

    /** Settings for tests whose subject is not the pictures: portraits painted in 6 DDIM steps, not 20. */
    static PipelineSettings settings(String store) {
        return defaultSettings(store).withImageSteps(6);
    }

    /** The settings a user's run has (20 steps), for the runs whose bytes are pinned. */
    static PipelineSettings defaultSettings(String store) {
        return new PipelineSettings(store, offline(), 2L * 1024 * 1024, 50, null);
    }

    /** The stages a run with {@link #OPTIONS} goes through (no refine loop), in order. */
    static java.util.List<String> stageNames() {
        return functions(settings("unused-store")).stageNames().stream()
                .filter(s -> !lemon.pipeline.Pipeline.LOOP_STAGES.contains(s))
                .toList();
    }

    /** One set of loaded models for every test of the JVM, as one application would have. */
    static final Engines ENGINES = new Engines();

    static StageFunctions functions(PipelineSettings settings) {
        return new StageFunctions(new PipelineProvider(settings, ENGINES));
    }
}
