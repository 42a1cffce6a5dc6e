package lemon.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lemon.llm.ChatModelClient;
import lemon.port.CompatibilityValidator;
import lemon.port.CompatibilityValidator.Verdict;
import lemon.port.TransientFailure;
import lemon.run.Json;
import lemon.story.Gender;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The Bedrock validator without AWS: once over a fake LangChain4j ChatModel (what the validator
 * hands the model), once as the factory builds it (LangChain4j's BedrockChatModel, the AWS SDK's
 * Converse client) against a stand-in Converse endpoint on 127.0.0.1 through the endpoint override.
 */
class BedrockVisionTest {
    static final String MODEL = "us.meta.llama3-2-11b-instruct-v1:0";
    final byte[] png = VisionLlmValidatorHttpTest.png();

    @Test
    void theModelIsHandedOneUserTurnWithThePromptAndThePng() {
        List<ChatRequest> requests = new ArrayList<>();
        ChatModel fake = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                requests.add(request);
                return ChatResponse.builder()
                        .aiMessage(AiMessage.from("{\"people\": 1, \"genders\": [\"female\"]}"))
                        .build();
            }
        };
        var v = new VisionLlmValidator(
                new ChatModelClient("bedrock:" + MODEL + "@us-east-1", fake),
                VisionLlmValidatorHttpTest.NO_RETRIES,
                null);
        assertEquals(new Verdict(1, List.of(Gender.FEMALE), 1.0), v.inspect(png));
        assertEquals(1, requests.size());
        assertEquals(1, requests.get(0).messages().size());
        UserMessage user =
                assertInstanceOf(UserMessage.class, requests.get(0).messages().get(0));
        assertEquals(
                VisionQuestion.PROMPT,
                assertInstanceOf(TextContent.class, user.contents().get(0)).text());
        ImageContent image =
                assertInstanceOf(ImageContent.class, user.contents().get(1));
        assertEquals("image/png", image.image().mimeType());
        assertEquals(Base64.getEncoder().encodeToString(png), image.image().base64Data());
    }

    @Test
    void theConverseRequestCarriesTheImageBytesAndTheAnswerIsRead() throws Exception {
        try (var bedrock = new ConverseStandIn().answer("{\"people\": 2, \"genders\": [\"male\", \"female\"]}")) {
            CompatibilityValidator v = bedrock.validator(Duration.ofSeconds(10));
            assertEquals(new Verdict(2, List.of(Gender.MALE, Gender.FEMALE), 1.0), v.inspect(png));
            assertEquals("bedrock:" + MODEL + "@eu-west-1", v.name());

            assertEquals("/model/" + MODEL.replace(":", "%3A") + "/converse", bedrock.paths.get(0));
            assertTrue(
                    bedrock.authorizations.get(0).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"),
                    "signed with the given credentials: " + bedrock.authorizations.get(0));
            JsonNode request = Json.MAPPER.readTree(bedrock.bodies.get(0));
            JsonNode content = request.at("/messages/0/content");
            assertEquals("user", request.at("/messages/0/role").asText());
            assertTrue(
                    content.get(0).get("text").asText().contains("How many characters (people)"), content.toString());
            assertTrue(content.get(0).get("text").asText().contains("What is the gender distribution"));
            assertEquals("png", content.get(1).at("/image/format").asText());
            assertEquals(
                    Base64.getEncoder().encodeToString(png),
                    content.get(1).at("/image/source/bytes").asText());
            assertEquals(0.0, request.at("/inferenceConfig/temperature").asDouble());
            assertTrue(
                    request.path("system").isMissingNode()
                            || request.get("system").isEmpty(),
                    request.toString());
        }
    }

    @Test
    void throttlingAndServerErrorsAreTransientFailures() throws Exception {
        try (var bedrock = new ConverseStandIn()
                .error(429, "ThrottlingException", "Too many requests, please wait before trying again.")
                .error(500, "InternalServerException", "boom")) {
            CompatibilityValidator v = bedrock.validator(Duration.ofSeconds(10));
            var throttled = assertThrows(TransientFailure.class, () -> v.inspect(png));
            assertTrue(throttled.getMessage().contains("throttled"), throttled.getMessage());
            var failed = assertThrows(TransientFailure.class, () -> v.inspect(png));
            assertTrue(failed.getMessage().contains("boom"), failed.getMessage());
            assertEquals(2, bedrock.paths.size(), "the SDK does not retry on its own");
        }
    }

    @Test
    void aHangingEndpointIsATransientFailureAfterTheConfiguredTimeout() throws Exception {
        try (var bedrock = new ConverseStandIn()) {
            CompatibilityValidator v = bedrock.validator(Duration.ofMillis(500));
            long start = System.nanoTime();
            var e = assertThrows(TransientFailure.class, () -> v.inspect(png));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 20_000, millis + " ms: the 500 ms timeout, not the stand-in's 30 s hang");
            assertTrue(e.getMessage().contains("timed out after 500 ms"), e.getMessage());
        }
    }

    @Test
    void aRefusalThroughBedrockIsAnUnusableAnswer() throws Exception {
        try (var bedrock = new ConverseStandIn().answer("I cannot identify the gender of people in images.")) {
            var e = assertThrows(
                    UnusableAnswerException.class,
                    () -> bedrock.validator(Duration.ofSeconds(10)).inspect(png));
            assertEquals(UnusableAnswerException.Kind.REFUSED, e.kind());
        }
    }

    /** A Converse endpoint playing a script of replies; when it runs out it hangs. */
    static final class ConverseStandIn implements AutoCloseable {
        private interface Reply {
            void send(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
        }

        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final Deque<Reply> script = new ArrayDeque<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        final List<String> paths = Collections.synchronizedList(new ArrayList<>());
        final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

        ConverseStandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                paths.add(exchange.getRequestURI().getRawPath());
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(auth == null ? "" : auth);
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Reply next;
                synchronized (script) {
                    next = script.poll();
                }
                try {
                    if (next == null) {
                        closed.await(30, TimeUnit.SECONDS);
                    } else {
                        next.send(exchange);
                    }
                } catch (IOException clientGaveUp) {
                    // the client timed out first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.setExecutor(threads);
            server.start();
        }

        CompatibilityValidator validator(Duration timeout) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return VisionValidators.create(
                            new VisionSettings("bedrock", url, MODEL, "eu-west-1", timeout),
                            VisionLlmValidatorHttpTest.NO_RETRIES,
                            null,
                            name -> null,
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "not-a-secret")))
                    .orElseThrow();
        }

        ConverseStandIn answer(String text) {
            var root = Json.MAPPER.createObjectNode();
            var message = root.putObject("output").putObject("message").put("role", "assistant");
            message.putArray("content").addObject().put("text", text);
            root.put("stopReason", "end_turn");
            root.putObject("usage")
                    .put("inputTokens", 10)
                    .put("outputTokens", 10)
                    .put("totalTokens", 20);
            root.putObject("metrics").put("latencyMs", 5);
            byte[] body = Json.bytes(root);
            return add(exchange -> send(exchange, 200, null, body));
        }

        ConverseStandIn error(int status, String type, String message) {
            byte[] body = Json.bytes(Json.MAPPER.createObjectNode().put("message", message));
            return add(exchange -> send(exchange, status, type, body));
        }

        private ConverseStandIn add(Reply r) {
            synchronized (script) {
                script.add(r);
            }
            return this;
        }

        private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, byte[] body)
                throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (type != null) {
                exchange.getResponseHeaders().add("X-Amzn-ErrorType", type);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }

        @Override
        public void close() {
            closed.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
