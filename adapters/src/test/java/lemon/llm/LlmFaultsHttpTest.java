package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lemon.port.LlmClient;
import lemon.port.StageAttempt;
import lemon.port.TransientFailure;
import org.junit.jupiter.api.Test;

/**
 * The LLM client as the pipeline wires it (LangChain4j's OpenAI client, ChatModelClient, the retry
 * policy) against a stand-in server on 127.0.0.1. Back-off waits are recorded and advance a
 * virtual clock instead of sleeping; the per-call timeouts are real and short.
 */
class LlmFaultsHttpTest {
    final List<Duration> sleeps = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    long slept;

    long nanoTime() {
        return System.nanoTime() + slept;
    }

    LlmClient client(String url, Duration timeout, Duration deadline) {
        return client(url, timeout, new LlmRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), deadline));
    }

    LlmClient client(String url, Duration timeout, LlmRetryPolicy policy) {
        LlmSettings s = new LlmSettings(
                        "openai", url, "llama-2-7b-chat", "LEMON_TEST_NO_KEY", "us-east-1", null, timeout, 3)
                .withRetry(policy);
        return ((RetryingLlmClient) ChatModels.create(
                        s, (stage, message) -> lines.add(stage + "|" + message), ChatModels.LocalModels.NONE))
                .withSleeper(d -> {
                    sleeps.add(d);
                    slept += d.toNanos();
                })
                .withNanoTime(this::nanoTime)
                .withJitter(() -> 0.5);
    }

    @Test
    void aServerErrorIsRetriedAfterABackOffWithAProgressLine() throws Exception {
        try (var server = new OpenAiStandIn()
                .status(500, "{\"error\": {\"message\": \"CUDA out of memory\"}}")
                .answer("{\"description\": \"a tall man\"}")) {
            LlmClient llm = client(server.baseUrl(), Duration.ofSeconds(10), Duration.ofMinutes(4));
            StageAttempt attempt = new StageAttempt("describe-characters", nanoTime());
            String answer = attempt.run(() -> llm.chat("sys", "user"));
            assertEquals("{\"description\": \"a tall man\"}", answer);
            assertEquals(2, server.requests.get());
            assertEquals(
                    java.util.Map.of("llmInputTokens", 10L, "llmOutputTokens", 10L),
                    attempt.usage().asMap(),
                    "the tokens the server counted for its answer, for the run's cost; the failed call had none");
            assertEquals(List.of(Duration.ofMillis(750)), sleeps, "1 s back-off, jittered to 0.75");
            assertEquals(List.of("describe-characters|LLM call failed (HTTP 500), retry 1 of 3 in 750 ms"), lines);
        }
    }

    @Test
    void aHangingServerTimesOutEachCallAnnouncesEachRetryAndTheStageDeadlineStopsIt() throws Exception {
        try (var server = new OpenAiStandIn()) {
            // 150 ms per call, 40 s per stage attempt; back-off 10 s, 20 s, 40 s, jittered to 3/4:
            // after 7.5 s and 15 s (virtual) the third wait, 30 s, no longer fits
            LlmClient llm = client(
                    server.baseUrl(),
                    Duration.ofMillis(150),
                    new LlmRetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(40)));
            var e = assertThrows(
                    LlmFailedException.class,
                    () -> new StageAttempt("analyze-story", nanoTime()).run(() -> llm.chat("sys", "user")));
            // three calls, counted on our side: the server may not have seen a request yet when
            // the client gives up on it
            assertEquals(List.of(Duration.ofMillis(7500), Duration.ofSeconds(15)), sleeps);
            assertEquals(
                    List.of(
                            "analyze-story|LLM call failed (timed out after 150 ms), retry 1 of 3 in 7.5 s",
                            "analyze-story|LLM call failed (timed out after 150 ms), retry 2 of 3 in 15 s"),
                    lines);
            assertTrue(
                    e.getMessage().contains("did not answer within the stage deadline of 40 s")
                            && e.getMessage().contains("3 call(s) failed, the last with timed out after 150 ms"),
                    e.getMessage());
            assertEquals(null, TransientFailure.in(e), "the deadline is final, not another Lemon.Transient");
        }
    }

    @Test
    void aHangingServerWithRetriesLeftIsStillCutAtTheDeadline() throws Exception {
        try (var server = new OpenAiStandIn()) {
            // the client would wait 10 s; the stage has 300 ms
            LlmClient llm = client(server.baseUrl(), Duration.ofSeconds(10), Duration.ofMillis(300));
            long start = System.nanoTime();
            var e = assertThrows(
                    LlmFailedException.class,
                    () -> new StageAttempt("analyze-story", nanoTime()).run(() -> llm.chat("sys", "user")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 9_000, millis + " ms: cut at the deadline, not after the client's 10 s wait");
            assertTrue(e.getMessage().contains("a call was still waiting for an answer"), e.getMessage());
        }
    }

    @Test
    void nothingListeningIsConnectionRefusedAtTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free now, and nothing listens on it once closed
        }
        String url = "http://127.0.0.1:" + port + "/v1";
        LlmClient llm = client(url, Duration.ofSeconds(5), Duration.ofMinutes(4));
        // what the stage reports: StructuredLlm does not re-ask, the retry policy does not retry
        var e = assertThrows(
                LlmFailedException.class,
                () -> new StructuredLlm(llm, 3).ask("sys", "user", LlmDescriber.Answer.class, LlmDescriber::problems));
        assertEquals("connection refused at " + url + " — is the LLM server running?", e.getMessage());
        assertEquals(List.of(), sleeps);
        assertEquals(List.of(), lines);
    }
}
