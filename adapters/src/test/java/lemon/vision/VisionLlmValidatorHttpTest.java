package lemon.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import lemon.llm.LlmRetryPolicy;
import lemon.llm.OpenAiStandIn;
import lemon.port.CompatibilityValidator;
import lemon.port.CompatibilityValidator.Verdict;
import lemon.port.TransientFailure;
import lemon.run.Json;
import lemon.story.Gender;
import lemon.vision.UnusableAnswerException.Kind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * The OpenAI-compatible vision validator as the factory builds it (LangChain4j's OpenAI client,
 * ChatModelClient, the retry policy) against a stand-in server on 127.0.0.1.
 */
class VisionLlmValidatorHttpTest {
    static final LlmRetryPolicy NO_RETRIES = new LlmRetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));
    static final String TWO = "{\"people\": 2, \"genders\": [\"female\", \"male\"]}";

    final byte[] png = png();
    final List<String> lines = new ArrayList<>();

    CompatibilityValidator validator(
            OpenAiStandIn server, Duration timeout, LlmRetryPolicy retry, Map<String, String> env) {
        VisionSettings s = new VisionSettings("openai", server.baseUrl(), "llama-3.2-11b-vision", null, timeout);
        return VisionValidators.create(
                        s, retry, (stage, line) -> lines.add(line), env::get, AnonymousCredentialsProvider.create())
                .orElseThrow();
    }

    CompatibilityValidator validator(OpenAiStandIn server) {
        return validator(server, Duration.ofSeconds(10), NO_RETRIES, Map.of());
    }

    @Test
    void aCorrectAnswerBecomesAVerdictAndTheRequestCarriesTheImageAndBothQuestions() throws Exception {
        try (var server = new OpenAiStandIn().answer(TWO)) {
            CompatibilityValidator v = validator(server);
            assertEquals(new Verdict(2, List.of(Gender.FEMALE, Gender.MALE), 1.0), v.inspect(png));
            assertEquals("openai-compatible:llama-3.2-11b-vision@" + server.baseUrl(), v.name());

            JsonNode request = Json.MAPPER.readTree(server.bodies.get(0));
            assertEquals("llama-3.2-11b-vision", request.get("model").asText());
            assertEquals(0.0, request.get("temperature").asDouble());
            JsonNode messages = request.get("messages");
            assertEquals(1, messages.size(), "one user turn, no system message: " + messages);
            assertEquals("user", messages.get(0).get("role").asText());
            JsonNode content = messages.get(0).get("content");
            assertEquals("text", content.get(0).get("type").asText());
            String text = content.get(0).get("text").asText();
            assertTrue(text.contains("How many characters (people) are in the image?"), text);
            assertTrue(text.contains("What is the gender distribution of these people"), text);
            assertEquals("image_url", content.get(1).get("type").asText());
            assertEquals(
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(png),
                    content.get(1).get("image_url").get("url").asText());
        }
    }

    @Test
    void aMalformedAnswerIsAskedOnceMoreWithTheProblemAndTheSecondAnswerCounts() throws Exception {
        try (var server =
                new OpenAiStandIn().answer("Two people: a woman and a man.").answer(TWO)) {
            assertEquals(2, validator(server).inspect(png).people());
            assertEquals(2, server.requests.get());
            String reask = Json.MAPPER
                    .readTree(server.bodies.get(1))
                    .at("/messages/0/content/0/text")
                    .asText();
            assertTrue(
                    reask.contains("Your previous answer could not be used: the answer is not only a JSON object."),
                    reask);
            assertTrue(server.bodies.get(1).contains(Base64.getEncoder().encodeToString(png)), "the image again");
        }
    }

    @Test
    void aMalformedAnswerAfterTheReaskFailsSayingWhatCameBack() throws Exception {
        try (var server =
                new OpenAiStandIn().answer("Two people: a woman and a man.").answer("{\"people\": 2,")) {
            var e = assertThrows(
                    UnusableAnswerException.class, () -> validator(server).inspect(png));
            assertEquals(Kind.MALFORMED, e.kind());
            assertTrue(
                    e.getMessage()
                            .startsWith("vision model openai-compatible:llama-3.2-11b-vision@" + server.baseUrl()
                                    + " gave no usable answer to the people and gender questions after 2 attempts:"
                                    + " the answer is not valid JSON ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; it answered: {\"people\": 2,"), e.getMessage());
            assertEquals(2, server.requests.get());
        }
    }

    @Test
    void gendersThatDoNotMatchTheCountFailAfterTheReask() throws Exception {
        String one = "{\"people\": 2, \"genders\": [\"male\"]}";
        try (var server = new OpenAiStandIn().answer(one).answer(one)) {
            var e = assertThrows(
                    UnusableAnswerException.class, () -> validator(server).inspect(png));
            assertEquals(Kind.MISMATCH, e.kind());
            assertTrue(
                    e.getMessage()
                            .endsWith("after 2 attempts: \"people\" is 2 but 1 gender(s) are listed; list one per"
                                    + " person; it answered: " + one),
                    e.getMessage());
        }
    }

    @Test
    void aCountOutOfRangeFailsAfterTheReask() throws Exception {
        String many = "{\"people\": 12, \"genders\": []}";
        try (var server = new OpenAiStandIn().answer(many).answer(many)) {
            var e = assertThrows(
                    UnusableAnswerException.class, () -> validator(server).inspect(png));
            assertEquals(Kind.OUT_OF_RANGE, e.kind());
            assertTrue(e.getMessage().contains("\"people\" is 12, outside 0..10"), e.getMessage());
        }
    }

    @Test
    void aRefusalFailsAtOnceQuotingIt() throws Exception {
        try (var server = new OpenAiStandIn().answer("I'm sorry, but I can't help with that.")) {
            var e = assertThrows(
                    UnusableAnswerException.class, () -> validator(server).inspect(png));
            assertEquals(Kind.REFUSED, e.kind());
            assertEquals(
                    "vision model openai-compatible:llama-3.2-11b-vision@" + server.baseUrl()
                            + " refused to count the people in the image and tell their genders; it answered:"
                            + " I'm sorry, but I can't help with that.",
                    e.getMessage());
            assertEquals(1, server.requests.get(), "a refusal is not asked again");
        }
    }

    @Test
    void aHangingServerIsATransientFailureAfterTheConfiguredTimeout() throws Exception {
        try (var server = new OpenAiStandIn()) { // no script: it hangs for 30 s
            CompatibilityValidator v = validator(server, Duration.ofMillis(300), NO_RETRIES, Map.of());
            long start = System.nanoTime();
            var e = assertThrows(TransientFailure.class, () -> v.inspect(png));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 20_000, millis + " ms: the 300 ms timeout, not the stand-in's 30 s hang");
            assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
        }
    }

    @Test
    void serverErrorsAndThrottlingAreTransientFailures() throws Exception {
        try (var server = new OpenAiStandIn()
                .status(500, "{\"error\": {\"message\": \"CUDA out of memory\"}}")
                .status(429, "{\"error\": {\"message\": \"slow down\"}}")) {
            CompatibilityValidator v = validator(server);
            var e500 = assertThrows(TransientFailure.class, () -> v.inspect(png));
            assertTrue(
                    e500.getMessage().contains("HTTP 500") && e500.getMessage().contains("CUDA out of memory"),
                    e500.getMessage());
            var e429 = assertThrows(TransientFailure.class, () -> v.inspect(png));
            assertTrue(e429.getMessage().contains("throttled, HTTP 429"), e429.getMessage());
        }
    }

    @Test
    void aServerErrorIsRetriedUnderTheRetryPolicyWithAProgressLine() throws Exception {
        try (var server = new OpenAiStandIn()
                .status(503, "{\"error\": {\"message\": \"loading\"}}")
                .answer(TWO)) {
            var retryOnce = new LlmRetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(1));
            var v = validator(server, Duration.ofSeconds(10), retryOnce, Map.of());
            assertEquals(2, v.inspect(png).people());
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("LLM call failed (HTTP 503), retry 1 of 1 in "), lines.get(0));
        }
    }

    @Test
    void theApiKeyIsSentButNeverNamed() throws Exception {
        try (var server = new OpenAiStandIn().answer(TWO).status(500, "{\"error\": {\"message\": \"boom\"}}")) {
            var v = validator(
                    server,
                    Duration.ofSeconds(10),
                    NO_RETRIES,
                    Map.of("LEMON_VALIDATOR_API_KEY", "sk-validator-secret", "OPENAI_API_KEY", "sk-other"));
            v.inspect(png);
            var e = assertThrows(TransientFailure.class, () -> v.inspect(png));
            assertEquals("Bearer sk-validator-secret", server.authorizations.get(0));
            assertFalse(v.name().contains("secret"), v.name());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("secret"), t.getMessage());
            }
        }
        try (var server = new OpenAiStandIn().answer(TWO)) {
            validator(server, Duration.ofSeconds(10), NO_RETRIES, Map.of("OPENAI_API_KEY", "sk-openai"))
                    .inspect(png);
            assertEquals("Bearer sk-openai", server.authorizations.get(0), "OPENAI_API_KEY when ours is not set");
        }
    }

    @Test
    void notAPngIsRefusedBeforeAnyCall() throws Exception {
        try (var server = new OpenAiStandIn()) {
            var e = assertThrows(
                    IllegalArgumentException.class,
                    () -> validator(server).inspect(new byte[] {(byte) 0xff, (byte) 0xd8, 1}));
            assertEquals("the validator needs a PNG image, got 3 bytes without the PNG signature", e.getMessage());
            assertEquals(0, server.requests.get());
            assertInstanceOf(IllegalArgumentException.class, e);
        }
    }

    static byte[] png() {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, Color.ORANGE.getRGB());
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
