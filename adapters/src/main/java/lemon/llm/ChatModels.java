package lemon.llm;

import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.util.function.Supplier;
import lemon.port.LlmClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Builds the configured LLM client; every provider goes through LangChain4j's ChatModel. */
public final class ChatModels {
    /** Llama-2 chat on Bedrock, the paper's LLM; any Bedrock model id can be configured. */
    static final String DEFAULT_BEDROCK_MODEL = "meta.llama2-13b-chat-v1";

    private ChatModels() {}

    /**
     * The configured LLM with the settings' retry policy around it; its retry lines go to
     * {@code progress}.
     *
     * @return the client, or null when the provider is "offline"
     */
    public static LlmClient create(LlmSettings s, lemon.port.Progress progress, LocalModels gguf) {
        LlmClient client = create(s, gguf);
        return client == null ? null : new RetryingLlmClient(client, s.retry(), progress);
    }

    /**
     * Opens a GGUF file as a chat model. Only the CLI has one (llama.cpp's natives stay out of the
     * Lambda artefact), so it hands its own to {@link #create}.
     */
    @FunctionalInterface
    public interface LocalModels {
        ChatModel open(Path gguf);

        /** Where no local models run: a clear refusal of the gguf provider. */
        LocalModels NONE = gguf -> {
            throw new IllegalArgumentException("the gguf LLM provider runs only in the lemon CLI; here choose"
                    + " lemon.llm.provider=openai, bedrock or sagemaker");
        };
    }

    /** @return the bare client (no retries), or null when the provider is "offline" */
    public static LlmClient create(LlmSettings s, LocalModels gguf) {
        return create(s, gguf, () -> DefaultCredentialsProvider.builder().build());
    }

    /** As above; a SageMaker endpoint's calls are signed with {@code aws}'s credentials (tests: static ones). */
    static LlmClient create(LlmSettings s, LocalModels gguf, Supplier<AwsCredentialsProvider> aws) {
        return switch (s.provider()) {
            case "offline" -> null;
            case "openai" -> {
                String url = require(
                        s.baseUrl(), "base URL", "lemon.llm.base-url or --llm-url (e.g. http://localhost:11434/v1)");
                String model = require(s.model(), "model", "lemon.llm.model or --llm-model");
                String key = System.getenv(s.apiKeyEnv());
                ChatModel chat = OpenAiChatModel.builder()
                        .baseUrl(url)
                        .modelName(model)
                        // local servers (llama.cpp, Ollama, vLLM) accept any key
                        .apiKey(key == null || key.isBlank() ? "not-needed" : key)
                        .timeout(s.timeout())
                        .maxRetries(0)
                        .temperature(0.2)
                        .build();
                yield new ChatModelClient("openai-compatible:" + model + "@" + url, url, s.timeout(), chat);
            }
            case "bedrock" -> {
                String model = s.model() == null || s.model().isBlank() ? DEFAULT_BEDROCK_MODEL : s.model();
                ChatModel chat = BedrockChatModel.builder()
                        .modelId(model)
                        .region(Region.of(s.region()))
                        .timeout(s.timeout())
                        .build();
                yield new ChatModelClient(
                        "bedrock:" + model + "@" + s.region(), "Bedrock in " + s.region(), s.timeout(), chat);
            }
            case "sagemaker" -> {
                String endpoint = require(s.model(), "SageMaker endpoint name", "lemon.llm.model or --llm-model");
                SageMakerChatModel chat = SageMakerChatModel.builder()
                        .endpointName(endpoint)
                        .region(s.region())
                        .endpointUrl(s.baseUrl())
                        .format(SageMakerChatModel.Format.parse(s.sagemakerFormat()))
                        .timeout(s.timeout())
                        .credentials(aws.get())
                        .build();
                yield new ChatModelClient(
                        "sagemaker:" + endpoint + "@" + s.region(),
                        chat.invocationUrl().toString(),
                        s.timeout(),
                        chat);
            }
            case "gguf" -> {
                String path = s.ggufPath() != null && !s.ggufPath().isBlank() ? s.ggufPath() : s.model();
                require(path, "GGUF file", "lemon.llm.gguf-path or --llm-model /path/model.gguf");
                yield new ChatModelClient("gguf:" + Path.of(path).getFileName(), gguf.open(Path.of(path)));
            }
            default -> throw new IllegalArgumentException("unknown LLM provider " + s.provider());
        };
    }

    private static String require(String value, String what, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the LLM " + what + " is not set: configure " + where);
        }
        return value;
    }
}
