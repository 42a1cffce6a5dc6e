package lemon.vision;

import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import lemon.llm.ChatModelClient;
import lemon.llm.LlmRetryPolicy;
import lemon.port.CompatibilityValidator;
import lemon.port.Progress;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/** Builds the configured compatibility validator when it is a hosted vision model. */
public final class VisionValidators {
    /** Llama 3.2 11B Vision through the US cross-region inference profile; it takes images in Converse. */
    public static final String DEFAULT_BEDROCK_MODEL = "us.meta.llama3-2-11b-instruct-v1:0";

    /** Environment variables read for the OpenAI-compatible server's key, the first one set wins. */
    public static final String API_KEY_ENV = "LEMON_VALIDATOR_API_KEY";

    public static final String FALLBACK_API_KEY_ENV = "OPENAI_API_KEY";

    /** Room for the JSON answer (ten genders fit in well under 100 tokens). */
    static final int MAX_ANSWER_TOKENS = 256;

    private VisionValidators() {}

    /** {@link #create(VisionSettings, LlmRetryPolicy, Progress)} with the default retry policy and no progress lines. */
    public static Optional<CompatibilityValidator> create(VisionSettings s) {
        return create(s, LlmRetryPolicy.DEFAULT, Progress.NONE);
    }

    /**
     * The vision-model validator the settings name, or empty for {@code mini}, for which the caller
     * uses the bundled lemon-mini validator.
     *
     * @param retry retries after timeouts, throttling and 5xx, and the stage deadline (the LLM's
     *     policy fits); null for none
     * @param progress where retry lines go
     * @throws IllegalArgumentException in one line naming the property to set, when a needed one is missing
     */
    public static Optional<CompatibilityValidator> create(VisionSettings s, LlmRetryPolicy retry, Progress progress) {
        return create(
                s,
                retry,
                progress,
                System::getenv,
                DefaultCredentialsProvider.builder().build());
    }

    static Optional<CompatibilityValidator> create(
            VisionSettings s,
            LlmRetryPolicy retry,
            Progress progress,
            UnaryOperator<String> env,
            AwsCredentialsProvider awsCredentials) {
        ChatModelClient client = switch (s.model()) {
            case "mini" -> null;
            case "openai" -> openAi(s, env);
            case "bedrock" -> bedrock(s, awsCredentials);
            default -> throw new IllegalArgumentException("unknown validator " + s.model());
        };
        return client == null ? Optional.empty() : Optional.of(new VisionLlmValidator(client, retry, progress));
    }

    static ChatModelClient openAi(VisionSettings s, UnaryOperator<String> env) {
        if (s.url() == null) {
            throw new IllegalArgumentException("lemon.validator.model=openai needs lemon.validator.url: set it to the"
                    + " server's OpenAI-compatible base URL (e.g. http://localhost:8000/v1)");
        }
        URI url = httpUrl(s.url());
        if (s.llmModel() == null) {
            throw new IllegalArgumentException("lemon.validator.model=openai needs lemon.validator.llm-model: set it to"
                    + " the vision model the server serves (e.g. meta-llama/Llama-3.2-11B-Vision-Instruct)");
        }
        String key = firstSet(env, API_KEY_ENV, FALLBACK_API_KEY_ENV);
        ChatModel chat = OpenAiChatModel.builder()
                .baseUrl(s.url())
                .modelName(s.llmModel())
                // local servers (vLLM, llama.cpp) accept any key
                .apiKey(key == null ? "not-needed" : key)
                .timeout(s.timeout())
                .maxRetries(0)
                .temperature(0.0)
                .maxTokens(MAX_ANSWER_TOKENS)
                .build();
        String where = redacted(url);
        return new ChatModelClient(
                "openai-compatible:" + s.llmModel() + "@" + where, where, s.timeout(), chat, "lemon.validator.url");
    }

    static ChatModelClient bedrock(VisionSettings s, AwsCredentialsProvider credentials) {
        String model = s.llmModel() == null ? DEFAULT_BEDROCK_MODEL : s.llmModel();
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(min(s.timeout(), Duration.ofSeconds(10)))
                        .socketTimeout(s.timeout())
                        .build())
                .region(Region.of(s.region()))
                .credentialsProvider(credentials)
                // one try per call: our retry policy and the workflow retry
                .overrideConfiguration(o -> o.apiCallTimeout(s.timeout()).retryStrategy(AwsRetryStrategy.doNotRetry()));
        String where = "Bedrock in " + s.region();
        if (s.url() != null) {
            URI endpoint = httpUrl(s.url());
            builder.endpointOverride(endpoint);
            where = redacted(endpoint);
        }
        ChatModel chat = BedrockChatModel.builder()
                .client(builder.build())
                .modelId(model)
                .maxRetries(0)
                .defaultRequestParameters(ChatRequestParameters.builder()
                        .temperature(0.0)
                        .maxOutputTokens(MAX_ANSWER_TOKENS)
                        .build())
                .build();
        return new ChatModelClient(
                "bedrock:" + model + "@" + s.region(), where, s.timeout(), chat, "lemon.validator.url or region");
    }

    private static URI httpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("lemon.validator.url is not an http(s) URL: '" + redactedText(url)
                + "' (e.g. http://localhost:8000/v1)");
    }

    /** The URL without user info or query, which may hold secrets, for names and messages. */
    static String redacted(URI u) {
        try {
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return u.getScheme() + "://" + u.getHost();
        }
    }

    private static String redactedText(String url) {
        return url.replaceAll("//[^/@]*@", "//").replaceAll("\\?.*", "");
    }

    private static String firstSet(UnaryOperator<String> env, String... names) {
        for (String n : names) {
            String v = env.apply(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
