package lemon.functions;

import java.time.Duration;
import lemon.llm.LlmRetryPolicy;
import lemon.llm.LlmSettings;

/** Everything that decides how a pipeline is wired; from config, possibly overridden by the CLI. */
public record PipelineSettings(
        String store, LlmSettings llm, long maxBytes, int minWords, String cdDatabase, String imageModel) {
    public static final String DEFAULT_IMAGE_MODEL = "mini";

    /** With the bundled image model. */
    public PipelineSettings(String store, LlmSettings llm, long maxBytes, int minWords, String cdDatabase) {
        this(store, llm, maxBytes, minWords, cdDatabase, DEFAULT_IMAGE_MODEL);
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
                c.images().model());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public PipelineSettings withStore(String s) {
        return new PipelineSettings(s, llm, maxBytes, minWords, cdDatabase, imageModel);
    }

    public PipelineSettings withLlm(LlmSettings l) {
        return new PipelineSettings(store, l, maxBytes, minWords, cdDatabase, imageModel);
    }

    public PipelineSettings withCdDatabase(String path) {
        return new PipelineSettings(store, llm, maxBytes, minWords, path, imageModel);
    }
}
