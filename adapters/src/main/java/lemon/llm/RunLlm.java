package lemon.llm;

import java.util.List;
import lemon.run.RunManifest;

/** Between the LLM settings of a pipeline and the LLM a run records in its manifest. */
public final class RunLlm {
    private RunLlm() {}

    /** What a run created with these settings records: provider, model, URL, region; never the key. */
    public static RunManifest.Llm of(LlmSettings s) {
        return switch (s.provider()) {
            case "offline" -> RunManifest.Llm.OFFLINE;
            case "openai" -> new RunManifest.Llm("openai", s.model(), s.baseUrl(), null);
            case "bedrock" ->
                new RunManifest.Llm(
                        "bedrock",
                        s.model() == null || s.model().isBlank() ? ChatModels.DEFAULT_BEDROCK_MODEL : s.model(),
                        null,
                        s.region());
            case "sagemaker" -> new RunManifest.Llm("sagemaker", s.model(), s.baseUrl(), s.region());
            case "gguf" ->
                new RunManifest.Llm(
                        "gguf", s.ggufPath() != null && !s.ggufPath().isBlank() ? s.ggufPath() : s.model(), null, null);
            default -> throw new IllegalArgumentException("unknown LLM provider " + s.provider());
        };
    }

    /** The settings to continue a run with, and which LLM that is: "the run's LLM: openai m at URL". */
    public record Choice(LlmSettings settings, String message) {}

    /**
     * The LLM to continue {@code runId} with: the one it recorded, whatever the configuration says,
     * so a resumed run is not finished by another model. Options given explicitly (null when not
     * given) must agree with the run; one that differs is refused with the difference named.
     *
     * @param recorded the run's LLM; null for runs made before LeMon recorded it (then the
     *     configured LLM with the explicit options is used, and the message says so)
     */
    public static Choice forRun(
            String runId, RunManifest.Llm recorded, LlmSettings configured, String provider, String model, String url) {
        if (recorded == null) {
            LlmSettings s = provider == null && model == null && url == null
                    ? configured
                    : configured.withProvider(provider != null ? provider : configured.provider(), model, url);
            return new Choice(
                    s,
                    "the configured LLM: " + of(s).describe()
                            + " (the run does not record its own; an older LeMon made it)");
        }
        RunManifest.Llm asked = new RunManifest.Llm(
                provider != null ? provider : recorded.provider(),
                model != null ? model : recorded.model(),
                url != null ? url : recorded.url(),
                recorded.region());
        List<String> differences = recorded.differences(asked);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " was made with the LLM " + recorded.describe()
                    + "; the options ask for another (" + String.join(", ", differences)
                    + "). A run keeps its LLM: leave out --llm, --llm-model and --llm-url to use it,"
                    + " or start a new run for another LLM");
        }
        return new Choice(apply(configured, recorded), "the run's LLM: " + recorded.describe());
    }

    /**
     * {@code base} (key variable, timeout, attempts, SageMaker payload format) pointed at the LLM a
     * run recorded.
     */
    public static LlmSettings apply(LlmSettings base, RunManifest.Llm run) {
        return new LlmSettings(
                        run.provider(),
                        run.url(),
                        run.model(),
                        base.apiKeyEnv(),
                        run.region() != null ? run.region() : base.region(),
                        run.provider().equals("gguf") ? run.model() : null,
                        base.timeout(),
                        base.maxAttempts())
                .withSageMakerFormat(base.sagemakerFormat());
    }
}
