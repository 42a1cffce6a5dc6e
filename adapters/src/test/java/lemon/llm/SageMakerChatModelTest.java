package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lemon.port.LlmClient;
import lemon.port.StageAttempt;
import lemon.port.TransientFailure;
import lemon.run.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The SageMaker provider as ChatModels builds it, against {@link SageMakerStandIn} on 127.0.0.1
 * through the runtime URL override, signing with static test credentials. The stand-in recomputes
 * each request's SigV4 signature on its own, so a signing fault fails these tests. Back-off waits
 * are recorded on a virtual clock instead of slept.
 */
class SageMakerChatModelTest {
    static final String ENDPOINT = "llama-2-7b-chat";
    static final String KEY_ID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));
    static final String INVOCATIONS = "/endpoints/" + ENDPOINT + "/invocations";

    final List<Duration> sleeps = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    long slept;

    long nanoTime() {
        return System.nanoTime() + slept;
    }

    static LlmSettings settings(String url, String format, Duration timeout) {
        return new LlmSettings("sagemaker", url, ENDPOINT, "LEMON_TEST_NO_KEY", "us-east-1", null, timeout, 3)
                .withSageMakerFormat(format)
                .withRetry(new LlmRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(4)));
    }

    /** The bare client, as ChatModels makes it: no retries. */
    static ChatModelClient client(String url, String format, Duration timeout) {
        return (ChatModelClient)
                ChatModels.create(settings(url, format, timeout), ChatModels.LocalModels.NONE, () -> CREDENTIALS);
    }

    /** With the retry policy around it, as the pipeline wires it. */
    LlmClient retrying(String url) {
        LlmSettings s = settings(url, "messages", Duration.ofSeconds(10));
        return new RetryingLlmClient(
                        client(url, "messages", Duration.ofSeconds(10)),
                        s.retry(),
                        (stage, message) -> lines.add(stage + "|" + message))
                .withSleeper(d -> {
                    sleeps.add(d);
                    slept += d.toNanos();
                })
                .withNanoTime(this::nanoTime)
                .withJitter(() -> 0.5);
    }

    static String messagesAnswer(String content, int promptTokens, int completionTokens) {
        var root = Json.MAPPER.createObjectNode().put("object", "chat.completion");
        root.putArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", "stop")
                .putObject("message")
                .put("role", "assistant")
                .put("content", content);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens);
        return root.toString();
    }

    static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void theMessagesFormatIsOneSignedPostToTheEndpointsInvocations() throws Exception {
        try (var stub = new SageMakerStandIn().answer(messagesAnswer("{\"description\": \"a tall man\"}", 31, 9))) {
            LlmClient.Answer answer =
                    client(stub.url(), "messages", Duration.ofSeconds(10)).ask("You describe people.", "The tailor?");

            assertEquals(new LlmClient.Answer("{\"description\": \"a tall man\"}", 31, 9), answer);
            SageMakerStandIn.Request r = stub.requests.get(0);
            assertEquals("POST", r.method());
            assertEquals(INVOCATIONS, r.path());
            assertEquals("application/json", r.header("Content-Type"));
            assertTrue(
                    r.header("Authorization")
                            .matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/sagemaker/aws4_request,"
                                    + " SignedHeaders=[a-z0-9;-]*content-type;host;[a-z0-9;-]*x-amz-date[a-z0-9;-]*,"
                                    + " Signature=[0-9a-f]{64}"),
                    r.header("Authorization"));
            assertTrue(r.header("X-Amz-Date").matches("\\d{8}T\\d{6}Z"), r.header("X-Amz-Date"));
            assertNull(SageMakerStandIn.signatureProblem(r, SECRET));
            assertNotNull(
                    SageMakerStandIn.signatureProblem(r, "another secret"), "the stand-in's check can fail at all");
            assertEquals(
                    json("{\"messages\": [{\"role\": \"system\", \"content\": \"You describe people.\"},"
                            + " {\"role\": \"user\", \"content\": \"The tailor?\"}],"
                            + " \"max_tokens\": 1024, \"temperature\": 0.2}"),
                    json(r.body()));
        }
    }

    @Test
    void theTgiFormatSendsALlama2ChatPromptAndReadsTheGeneratedText() throws Exception {
        try (var stub = new SageMakerStandIn()
                .answer("[{\"generated_text\": \"{\\\"people\\\": 2}\"}]")
                .answer("{\"generated_text\": \"{}\", \"details\": {\"finish_reason\": \"eos_token\","
                        + " \"generated_tokens\": 7}}")) {
            ChatModelClient llm = client(stub.url(), "tgi", Duration.ofSeconds(10));

            assertEquals(new LlmClient.Answer("{\"people\": 2}", 0, 0), llm.ask("Count people.", "Two men walk."));
            SageMakerStandIn.Request r = stub.requests.get(0);
            assertEquals(INVOCATIONS, r.path());
            assertNull(SageMakerStandIn.signatureProblem(r, SECRET));
            assertEquals(
                    json("{\"inputs\": \"<s>[INST] <<SYS>>\\nCount people.\\n<</SYS>>\\n\\nTwo men walk. [/INST]\","
                            + " \"parameters\": {\"max_new_tokens\": 1024, \"temperature\": 0.2,"
                            + " \"return_full_text\": false}}"),
                    json(r.body()));
            assertEquals(
                    new LlmClient.Answer("{}", 0, 7),
                    llm.ask("s", "u"),
                    "an answer object instead of a list; TGI's details count the generated tokens");
        }
    }

    @Test
    void aLlama2PromptCarriesEarlierTurnsAndTheSystemPromptOnlyOnce() {
        assertEquals(
                "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nWho? [/INST] The tailor. </s><s>[INST] And? [/INST]",
                SageMakerChatModel.llama2Prompt(List.of(
                        SystemMessage.from("Be brief."),
                        UserMessage.from("Who?"),
                        AiMessage.from("The tailor."),
                        UserMessage.from("And?"))));
        assertEquals("<s>[INST] Who? [/INST]", SageMakerChatModel.llama2Prompt(List.of(UserMessage.from(" Who? "))));
    }

    @Test
    void aFixedSigningTimeSignsWithThatDayAndTheStandInAgrees() throws Exception {
        try (var stub = new SageMakerStandIn().answer(messagesAnswer("ok", 1, 1))) {
            SageMakerChatModel model = SageMakerChatModel.builder()
                    .endpointName(ENDPOINT)
                    .region("eu-west-1")
                    .endpointUrl(stub.url() + "/")
                    .credentials(CREDENTIALS)
                    .clock(Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC))
                    .build();

            assertEquals("ok", model.chat("hello"));
            SageMakerStandIn.Request r = stub.requests.get(0);
            assertEquals(INVOCATIONS, r.path(), "a trailing slash of the URL is not doubled");
            assertEquals("20240102T030405Z", r.header("X-Amz-Date"));
            assertTrue(
                    r.header("Authorization")
                            .startsWith(
                                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/eu-west-1/sagemaker/aws4_request,"),
                    r.header("Authorization"));
            assertNull(SageMakerStandIn.signatureProblem(r, SECRET));
        }
    }

    /** The stand-in's own check against AWS's published SigV4 test vector (get-vanilla). */
    @Test
    void theStandInsSignatureCheckPassesAwsTestVector() {
        var request = new SageMakerStandIn.Request(
                "GET",
                "/",
                Map.of(
                        "host",
                        "example.amazonaws.com",
                        "x-amz-date",
                        "20150830T123600Z",
                        "authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                                + " SignedHeaders=host;x-amz-date,"
                                + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                "");
        assertNull(SageMakerStandIn.signatureProblem(request, SECRET));
    }

    @Test
    void throttlingAndModelServerErrorsAreRetriedUntilTheAnswerComes() throws Exception {
        try (var stub = new SageMakerStandIn()
                .error(429, "ThrottlingException", "{\"message\": \"Rate exceeded\"}")
                .error(400, "ThrottlingException", "{\"message\": \"Rate exceeded\"}")
                .error(
                        424,
                        "ModelError",
                        "{\"ErrorCode\": \"SERVER_ERROR_FROM_MODEL\", \"OriginalStatusCode\": 503, \"Message\":"
                                + " \"Received server error (503) from primary with message \\\"Model is overloaded\\\"\"}")
                .answer(messagesAnswer("{\"description\": \"a tall man\"}", 12, 5))) {
            LlmClient llm = retrying(stub.url());
            StageAttempt attempt = new StageAttempt("describe-characters", nanoTime());

            assertEquals("{\"description\": \"a tall man\"}", attempt.run(() -> llm.chat("sys", "user")));
            assertEquals(
                    List.of(
                            "describe-characters|LLM call failed (throttled, HTTP 429), retry 1 of 3 in 750 ms",
                            "describe-characters|LLM call failed (throttled), retry 2 of 3 in 1.5 s",
                            "describe-characters|LLM call failed (HTTP 503), retry 3 of 3 in 3 s"),
                    lines);
            assertEquals(
                    Map.of("llmInputTokens", 12L, "llmOutputTokens", 5L),
                    attempt.usage().asMap());
            assertEquals(4, stub.requests.size());
            for (SageMakerStandIn.Request r : stub.requests) {
                assertNull(SageMakerStandIn.signatureProblem(r, SECRET), "each retry is signed again");
            }
        }
    }

    @Test
    void serverErrorsAndAModelTimeOutAreTransient() throws Exception {
        try (var stub = new SageMakerStandIn()
                .error(500, "InternalFailure", "{\"message\": \"An internal error occurred\"}")
                .error(503, "ServiceUnavailable", "{\"message\": \"Service unavailable\"}")
                .error(
                        424,
                        "ModelError",
                        "{\"message\": \"Your invocation timed out while waiting for a response from container"
                                + " primary.\"}")) {
            ChatModelClient llm = client(stub.url(), "messages", Duration.ofSeconds(10));
            for (String reason : List.of("HTTP 500", "HTTP 503", "HTTP 424")) {
                var e = assertThrows(TransientLlmFailure.class, () -> llm.chat("sys", "user"));
                assertEquals(reason, e.reason());
                assertTrue(
                        e.getMessage().contains("SageMaker endpoint '" + ENDPOINT + "' in us-east-1"), e.getMessage());
            }
        }
    }

    @Test
    void anUnknownEndpointFailsAtOnceNamingTheEndpointAndRegion() throws Exception {
        try (var stub = new SageMakerStandIn()
                .error(
                        400,
                        "ValidationError",
                        "{\"message\": \"Endpoint " + ENDPOINT + " of account 123456789012 not found.\"}")
                .error(404, null, "Not Found")) {
            LlmClient llm = retrying(stub.url());
            for (String said : List.of(
                    "HTTP 400 ValidationError: Endpoint " + ENDPOINT + " of account 123456789012 not found.",
                    "HTTP 404: Not Found")) {
                var e = assertThrows(ModelNotFoundException.class, () -> llm.chat("sys", "user"));
                assertEquals(
                        "SageMaker endpoint 'llama-2-7b-chat' was not found in region us-east-1 (" + said + "); check"
                                + " the endpoint name (lemon.llm.model or --llm-model) and lemon.llm.region",
                        e.getMessage());
                assertNull(TransientFailure.in(e));
            }
            assertEquals(List.of(), sleeps, "not retried");
            assertEquals(2, stub.requests.size());
        }
    }

    @Test
    void otherClientErrorsArePermanentAndSayWhatToCheck() throws Exception {
        try (var stub = new SageMakerStandIn()
                .error(400, "ValidationError", "{\"message\": \"1 validation error detected\"}")
                .error(
                        424,
                        "ModelError",
                        "{\"ErrorCode\": \"CLIENT_ERROR_FROM_MODEL\", \"OriginalStatusCode\": 422, \"Message\":"
                                + " \"Received client error (422) from primary with message \\\"Failed to deserialize\\\"\"}")
                .error(
                        403,
                        "AccessDeniedException",
                        "{\"message\": \"not authorized to perform: sagemaker:InvokeEndpoint\"}")) {
            ChatModelClient llm = client(stub.url(), "messages", Duration.ofSeconds(10));

            var validation = assertThrows(InvalidRequestException.class, () -> llm.chat("sys", "user"));
            assertEquals(
                    "SageMaker endpoint 'llama-2-7b-chat' in us-east-1 refused the request (HTTP 400 ValidationError: 1"
                            + " validation error detected)",
                    validation.getMessage());
            var model = assertThrows(InvalidRequestException.class, () -> llm.chat("sys", "user"));
            assertTrue(
                    model.getMessage().contains("the model container refused the request (HTTP 424 ModelError:")
                            && model.getMessage().contains("check that lemon.llm.sagemaker-format (messages) is"),
                    model.getMessage());
            var denied = assertThrows(AuthenticationException.class, () -> llm.chat("sys", "user"));
            assertTrue(denied.getMessage().contains("need sagemaker:InvokeEndpoint"), denied.getMessage());
            for (RuntimeException e : List.of(validation, model, denied)) {
                assertNull(TransientFailure.in(e), e.getMessage());
            }
        }
    }

    @Test
    void aMalformedAnswerSaysWhatWasExpected() throws Exception {
        try (var stub = new SageMakerStandIn()
                .answer("<html>gateway</html>")
                .answer("[{\"generated_text\": \"hi\"}]")
                .answer("{\"choices\": []}")) {
            ChatModelClient messages = client(stub.url(), "messages", Duration.ofSeconds(10));
            var notJson = assertThrows(LangChain4jException.class, () -> messages.chat("sys", "user"));
            assertEquals(
                    "SageMaker endpoint 'llama-2-7b-chat' in us-east-1 gave an answer that does not fit the messages"
                            + " format: expected {\"choices\": [{\"message\": {\"content\": \"…\"}}]}, got"
                            + " <html>gateway</html>",
                    notJson.getMessage());
            var tgi = assertThrows(LangChain4jException.class, () -> messages.chat("sys", "user"));
            assertTrue(
                    tgi.getMessage().endsWith("(that is the tgi format's answer: set lemon.llm.sagemaker-format=tgi)"),
                    tgi.getMessage());
            var empty = assertThrows(
                    LangChain4jException.class,
                    () -> client(stub.url(), "tgi", Duration.ofSeconds(10)).chat("sys", "user"));
            assertTrue(
                    empty.getMessage().contains("expected [{\"generated_text\": \"…\"}], got {\"choices\": []}")
                            && empty.getMessage().contains("set lemon.llm.sagemaker-format=messages"),
                    empty.getMessage());
            for (RuntimeException e : List.of(notJson, tgi, empty)) {
                assertNull(TransientFailure.in(e), "a bad answer is re-asked by StructuredLlm, not retried");
            }
        }
    }

    @Test
    void aHangingEndpointTimesOutAsATransientFailure() throws Exception {
        try (var stub = new SageMakerStandIn()) {
            ChatModelClient llm = client(stub.url(), "messages", Duration.ofMillis(150));
            long start = System.nanoTime();
            var e = assertThrows(TransientLlmFailure.class, () -> llm.chat("sys", "user"));
            assertEquals("timed out after 150 ms", e.reason());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "cut at the call's timeout");
        }
    }

    @Test
    void nothingListeningIsConnectionRefusedAtTheInvocationUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        var e = assertThrows(
                LlmFailedException.class,
                () -> client(url, "messages", Duration.ofSeconds(5)).chat("sys", "user"));
        assertEquals("connection refused at " + url + INVOCATIONS + " — is the LLM server running?", e.getMessage());
    }

    @Test
    void theRuntimeUrlIsTheRegionsUnlessOverridden() {
        assertEquals(
                "https://runtime.sagemaker.us-east-1.amazonaws.com" + INVOCATIONS,
                SageMakerChatModel.invocationUrl(null, "us-east-1", ENDPOINT).toString());
        assertEquals(
                "https://runtime.sagemaker.cn-north-1.amazonaws.com.cn" + INVOCATIONS,
                SageMakerChatModel.invocationUrl("", "cn-north-1", ENDPOINT).toString());
        assertEquals(
                "https://vpce-1.runtime.sagemaker.eu-west-1.vpce.amazonaws.com" + INVOCATIONS,
                SageMakerChatModel.invocationUrl(
                                "https://vpce-1.runtime.sagemaker.eu-west-1.vpce.amazonaws.com/", "eu-west-1", ENDPOINT)
                        .toString());
    }
}
