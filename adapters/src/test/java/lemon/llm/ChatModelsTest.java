package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Provider selection and its configuration errors; no remote service is called. */
class ChatModelsTest {
    private static LlmSettings settings(String provider, String url, String model, String gguf) {
        return new LlmSettings(provider, url, model, "LEMON_TEST_NO_KEY", "eu-west-1", gguf, Duration.ofSeconds(5), 2);
    }

    @Test
    void offlineMeansNoClient() {
        assertNull(ChatModels.create(settings("offline", null, null, null), ChatModels.LocalModels.NONE));
    }

    @Test
    void anUnknownProviderIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> settings("gpt-banana", null, null, null));
        assertTrue(e.getMessage().contains("gpt-banana") && e.getMessage().contains("openai"), e.getMessage());
    }

    @Test
    void openAiNeedsAUrlAndAModel() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ChatModels.create(settings("openai", null, "m", null), ChatModels.LocalModels.NONE));
        assertTrue(e.getMessage().contains("base URL"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ChatModels.create(
                        settings("openai", "http://127.0.0.1:9/v1", null, null), ChatModels.LocalModels.NONE));
        assertTrue(e.getMessage().contains("model"), e.getMessage());
        assertEquals(
                "openai-compatible:llama3@http://127.0.0.1:9/v1",
                ChatModels.create(
                                settings("openai", "http://127.0.0.1:9/v1", "llama3", null),
                                ChatModels.LocalModels.NONE)
                        .name());
    }

    @Test
    void bedrockDefaultsToLlama2Chat() {
        assertEquals(
                "bedrock:meta.llama2-13b-chat-v1@eu-west-1",
                ChatModels.create(settings("bedrock", null, null, null), ChatModels.LocalModels.NONE)
                        .name());
    }

    @Test
    void sageMakerNeedsAnEndpointNameAndOneOfTwoPayloadFormats() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ChatModels.create(settings("sagemaker", null, null, null), ChatModels.LocalModels.NONE));
        assertTrue(e.getMessage().contains("SageMaker endpoint name"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ChatModels.create(
                        settings("sagemaker", null, "arn:aws:sagemaker:eu-west-1:1:endpoint/llama", null),
                        ChatModels.LocalModels.NONE));
        assertTrue(e.getMessage().contains("is not a SageMaker endpoint name"), e.getMessage());
        assertEquals(
                "sagemaker:llama-2-13b-chat@eu-west-1",
                ChatModels.create(settings("sagemaker", null, "llama-2-13b-chat", null), ChatModels.LocalModels.NONE)
                        .name());
        assertEquals("messages", settings("sagemaker", null, "m", null).sagemakerFormat());
        assertEquals(
                "tgi",
                settings("sagemaker", null, "m", null)
                        .withSageMakerFormat("TGI")
                        .sagemakerFormat());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> settings("sagemaker", null, "m", null).withSageMakerFormat("jumpstart"));
        assertEquals("unknown lemon.llm.sagemaker-format 'jumpstart'; use messages or tgi", e.getMessage());
    }

    @Test
    void withoutLocalModelsTheGgufProviderIsRefusedClearly() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ChatModels.create(
                        settings("gguf", null, null, "/models/llama.gguf"), ChatModels.LocalModels.NONE));
        assertTrue(e.getMessage().contains("only in the lemon CLI"), e.getMessage());
    }

    @Test
    void timeoutsThrottlingAndServerErrorsAreTransient() {
        assertTrue(ChatModelClient.isTransient(new dev.langchain4j.exception.TimeoutException("slow")));
        assertTrue(ChatModelClient.isTransient(new dev.langchain4j.exception.RateLimitException("429")));
        assertTrue(ChatModelClient.isTransient(new dev.langchain4j.exception.InternalServerException("503")));
        assertTrue(ChatModelClient.isTransient(
                new RuntimeException(new dev.langchain4j.exception.HttpException(502, "bad gateway"))));
        assertTrue(ChatModelClient.isTransient(new dev.langchain4j.exception.LangChain4jException(
                new java.net.http.HttpTimeoutException("request timed out"))));
        assertTrue(ChatModelClient.isTransient(
                new RuntimeException(new java.net.SocketTimeoutException("read timed out"))));
        assertFalse(ChatModelClient.isTransient(new dev.langchain4j.exception.AuthenticationException("401")));
        assertFalse(ChatModelClient.isTransient(new dev.langchain4j.exception.HttpException(400, "bad request")));
        assertFalse(ChatModelClient.isTransient(new RuntimeException(new java.net.ConnectException("refused"))));
    }
}
