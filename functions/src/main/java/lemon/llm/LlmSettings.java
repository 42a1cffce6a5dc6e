package lemon.llm;

import java.time.Duration;
import java.util.List;

/** Which LLM to use and how patiently; {@code provider = "offline"} means none. */
public record LlmSettings(
        String provider,
        String baseUrl,
        String model,
        String apiKeyEnv,
        String region,
        String ggufPath,
        Duration timeout,
        int maxAttempts) {
    public static final List<String> PROVIDERS = List.of("offline", "openai", "bedrock", "gguf");

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
                maxAttempts);
    }
}
