package lemon.vision;

import java.time.Duration;
import java.util.List;
import lemon.config.LemonConfig;

/**
 * Which compatibility validator to use ({@code lemon.validator.*}). {@code model}: {@code mini}
 * = the bundled lemon-mini validator; {@code openai} = a vision model behind an OpenAI-compatible
 * server at {@code url} (vLLM, TGI, llama.cpp server), named {@code llmModel}; {@code bedrock} =
 * Amazon Bedrock's Converse API in {@code region}, model id {@code llmModel} (default
 * {@link VisionValidators#DEFAULT_BEDROCK_MODEL}), {@code url} an optional endpoint override (a
 * VPC endpoint). {@code timeout} bounds one call. No API key here: it is read from the
 * environment when the validator is built.
 */
public record VisionSettings(String model, String url, String llmModel, String region, Duration timeout) {
    public static final List<String> MODELS = List.of("mini", "openai", "bedrock");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public VisionSettings {
        if (model == null || model.isBlank()) {
            model = "mini";
        }
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException(
                    "unknown validator '" + model + "' in lemon.validator.model; use one of " + MODELS);
        }
        url = blankToNull(url);
        llmModel = blankToNull(llmModel);
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("lemon.validator.timeout must be positive, got " + timeout);
        }
    }

    /** The bundled validator. */
    public static final VisionSettings MINI = new VisionSettings("mini", null, null, null, null);

    public static VisionSettings from(LemonConfig.Validator c) {
        return new VisionSettings(c.model(), c.url().orElse(null), c.llmModel().orElse(null), c.region(), c.timeout());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
