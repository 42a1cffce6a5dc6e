package lemon.llm;

import java.time.Duration;
import java.util.List;

/**
 * Which LLM to use and how patiently; {@code provider = "offline"} means none. {@code timeout}
 * bounds one call, {@code maxAttempts} the re-asks after unusable answers, {@code retry} the
 * back-off after transient faults and the deadline of each stage attempt. Providers: offline,
 * openai (an OpenAI-compatible server at {@code baseUrl}), bedrock ({@code model} = a Bedrock model
 * id), sagemaker ({@code model} = a SageMaker endpoint's name in {@code region}, {@code baseUrl} an
 * optional runtime URL such as a VPC endpoint's, {@code sagemakerFormat} its payload: messages or
 * tgi) and gguf (a local file, CLI only).
 */
public record LlmSettings(
        String provider,
        String baseUrl,
        String model,
        String apiKeyEnv,
        String region,
        String ggufPath,
        Duration timeout,
        int maxAttempts,
        LlmRetryPolicy retry,
        String sagemakerFormat) {
    public static final List<String> PROVIDERS = List.of("offline", "openai", "bedrock", "sagemaker", "gguf");

    public LlmSettings {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("unknown LLM provider '" + provider + "'; use one of " + PROVIDERS);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("LLM timeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("LLM max attempts must be at least 1");
        }
        if (retry == null) {
            retry = LlmRetryPolicy.DEFAULT;
        }
        sagemakerFormat = sagemakerFormat == null
                ? SageMakerChatModel.Format.MESSAGES.setting()
                : SageMakerChatModel.Format.parse(sagemakerFormat).setting();
    }

    /** With the default SageMaker payload format (messages). */
    public LlmSettings(
            String provider,
            String baseUrl,
            String model,
            String apiKeyEnv,
            String region,
            String ggufPath,
            Duration timeout,
            int maxAttempts,
            LlmRetryPolicy retry) {
        this(provider, baseUrl, model, apiKeyEnv, region, ggufPath, timeout, maxAttempts, retry, null);
    }

    /** With the default retry policy. */
    public LlmSettings(
            String provider,
            String baseUrl,
            String model,
            String apiKeyEnv,
            String region,
            String ggufPath,
            Duration timeout,
            int maxAttempts) {
        this(provider, baseUrl, model, apiKeyEnv, region, ggufPath, timeout, maxAttempts, LlmRetryPolicy.DEFAULT);
    }

    public LlmSettings withProvider(String p, String m, String url) {
        return new LlmSettings(
                p,
                url != null ? url : baseUrl,
                m != null ? m : model,
                apiKeyEnv,
                region,
                ggufPath,
                timeout,
                maxAttempts,
                retry,
                sagemakerFormat);
    }

    public LlmSettings withRetry(LlmRetryPolicy r) {
        return new LlmSettings(
                provider, baseUrl, model, apiKeyEnv, region, ggufPath, timeout, maxAttempts, r, sagemakerFormat);
    }

    public LlmSettings withSageMakerFormat(String format) {
        return new LlmSettings(
                provider, baseUrl, model, apiKeyEnv, region, ggufPath, timeout, maxAttempts, retry, format);
    }
}
