package lemon.functions;

import java.time.Duration;
import lemon.llm.LlmRetryPolicy;
import lemon.llm.LlmSettings;
import lemon.mini.pipelines.PortraitPipeline;

/** Everything that decides how a pipeline is wired; from config, possibly overridden by the CLI. */
public record PipelineSettings(
        String store,
        LlmSettings llm,
        long maxBytes,
        int minWords,
        String cdDatabase,
        String imageModel,
        int imageSteps) {
    public static final String DEFAULT_IMAGE_MODEL = "mini";

    /** With the bundled image model at its default steps. */
    public PipelineSettings(String store, LlmSettings llm, long maxBytes, int minWords, String cdDatabase) {
        this(store, llm, maxBytes, minWords, cdDatabase, DEFAULT_IMAGE_MODEL, PortraitPipeline.DEFAULT_STEPS);
    }

    static PipelineSettings from(LemonConfig c) {
        LemonConfig.Llm l = c.llm();
        return new PipelineSettings(
                c.store(),
                new LlmSettings(
                        l.provider(),
                        l.baseUrl().orElse(null),
                        l.model().orElse(null),
                        l.apiKeyEnv(),
                        l.region(),
                        l.ggufPath().orElse(null),
                        l.timeout(),
                        l.maxAttempts(),
                        new LlmRetryPolicy(
                                l.retries(),
                                l.backoff(),
                                max(l.backoff(), LlmRetryPolicy.DEFAULT.maxBackoff()),
                                l.stageDeadline())),
                c.ingest().maxBytes(),
                c.ingest().minWords(),
                c.cd().database().orElse(null),
                c.images().model(),
                c.images().steps());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public PipelineSettings withStore(String s) {
        return new PipelineSettings(s, llm, maxBytes, minWords, cdDatabase, imageModel, imageSteps);
    }

    public PipelineSettings withLlm(LlmSettings l) {
        return new PipelineSettings(store, l, maxBytes, minWords, cdDatabase, imageModel, imageSteps);
    }

    public PipelineSettings withImageSteps(int steps) {
        return new PipelineSettings(store, llm, maxBytes, minWords, cdDatabase, imageModel, steps);
    }

    public PipelineSettings withCdDatabase(String path) {
        return new PipelineSettings(store, llm, maxBytes, minWords, path, imageModel, imageSteps);
    }
}
