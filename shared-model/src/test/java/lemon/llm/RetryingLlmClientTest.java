package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lemon.port.LlmClient;
import lemon.port.StageAttempt;
import lemon.port.TransientFailure;
import lemon.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

/**
 * The retry policy around a stand-in LLM. Back-off waits go to a recording sleeper that moves a
 * virtual clock forward, so "seconds" of back-off take no time and the deadline sees them.
 */
class RetryingLlmClientTest {
    /** Real elapsed time plus every recorded sleep. */
    static final class VirtualTime {
        final List<Duration> sleeps = new ArrayList<>();
        long slept;

        long nanoTime() {
            return System.nanoTime() + slept;
        }

        void sleep(Duration d) {
            sleeps.add(d);
            slept += d.toNanos();
        }
    }

    final VirtualTime time = new VirtualTime();
    final List<String> lines = new ArrayList<>();

    RetryingLlmClient retrying(LlmClient llm, LlmRetryPolicy policy) {
        return new RetryingLlmClient(llm, policy, (stage, message) -> lines.add(stage + ": " + message))
                .withSleeper(time::sleep)
                .withNanoTime(time::nanoTime)
                .withJitter(() -> 0.5);
    }

    static LlmRetryPolicy policy(int retries, Duration deadline) {
        return new LlmRetryPolicy(retries, Duration.ofSeconds(1), Duration.ofSeconds(3), deadline);
    }

    static TransientLlmFailure http(int status) {
        return new TransientLlmFailure("LLM scripted: HTTP " + status + " (server error)", "HTTP " + status, null);
    }

    <T> T inStage(java.util.function.Supplier<T> body) {
        return new StageAttempt("analyze-story", time.nanoTime()).run(body);
    }

    @Test
    void backOffGrowsExponentiallyWithJitterUpToTheCap() {
        LlmRetryPolicy p = policy(5, Duration.ofMinutes(1));
        assertEquals(Duration.ofMillis(500), p.delay(1, 0.0));
        assertEquals(Duration.ofMillis(1500), p.delay(2, 0.5));
        assertEquals(Duration.ofMillis(3000), p.delay(3, 0.9999999999));
        assertEquals(Duration.ofMillis(2250), p.delay(10, 0.5), "capped at 3 s before jitter");
        assertEquals("750 ms", LlmRetryPolicy.human(Duration.ofMillis(750)));
        assertEquals("1.4 s", LlmRetryPolicy.human(Duration.ofMillis(1400)));
        assertEquals("2 min 30 s", LlmRetryPolicy.human(Duration.ofSeconds(150)));
        assertEquals("4 min", LlmRetryPolicy.human(Duration.ofMinutes(4)));
    }

    @Test
    void aServerErrorIsRetriedAfterABackOffAndEachRetryIsAnnounced() {
        ScriptedLlm llm = new ScriptedLlm().fail(http(500)).fail(http(503)).answer("{}");
        String answer =
                inStage(() -> retrying(llm, policy(3, Duration.ofMinutes(1))).chat("s", "u"));
        assertEquals("{}", answer);
        assertEquals(3, llm.prompts().size());
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(1500)), time.sleeps);
        assertEquals(
                List.of(
                        "analyze-story: LLM call failed (HTTP 500), retry 1 of 3 in 750 ms",
                        "analyze-story: LLM call failed (HTTP 503), retry 2 of 3 in 1.5 s"),
                lines);
    }

    @Test
    void whenTheRetriesAreUsedUpTheFailureStaysTransientForTheWorkflow() {
        ScriptedLlm llm = new ScriptedLlm().fail(http(500)).fail(http(500)).fail(http(502));
        var e = assertThrows(
                TransientFailure.class,
                () -> inStage(
                        () -> retrying(llm, policy(2, Duration.ofMinutes(1))).chat("s", "u")));
        assertEquals(3, llm.prompts().size());
        assertEquals(2, time.sleeps.size());
        assertTrue(e.getMessage().endsWith("failed 3 time(s) in a row over 2.3 s; last: HTTP 502"), e.getMessage());
        assertEquals("HTTP 502", ((TransientLlmFailure) e).reason());
    }

    @Test
    void otherFailuresAreNotRetried() {
        var refused = new LlmFailedException("connection refused at http://127.0.0.1:9/v1", null);
        ScriptedLlm llm = new ScriptedLlm().fail(refused).answer("{}");
        var e = assertThrows(
                LlmFailedException.class,
                () -> inStage(
                        () -> retrying(llm, policy(3, Duration.ofMinutes(1))).chat("s", "u")));
        assertSame(refused, e);
        assertEquals(1, llm.prompts().size());
        assertEquals(List.of(), time.sleeps);
        assertEquals(List.of(), lines);
    }

    @Test
    void theStageDeadlineStopsRetriesThatWouldOutlastIt() {
        // 2 s of budget: the first back-off (0.75 s) fits, the second (1.5 s more) would not
        ScriptedLlm llm = new ScriptedLlm().fail(http(429)).fail(http(429)).answer("{}");
        var e = assertThrows(
                LlmFailedException.class,
                () -> inStage(
                        () -> retrying(llm, policy(3, Duration.ofSeconds(2))).chat("s", "u")));
        assertEquals(2, llm.prompts().size());
        assertEquals(List.of(Duration.ofMillis(750)), time.sleeps);
        assertEquals(1, lines.size());
        assertTrue(
                e.getMessage().contains("stage deadline of 2 s (lemon.llm.stage-deadline)")
                        && e.getMessage()
                                .contains("2 call(s) failed, the last with HTTP 429, and the next retry would not fit"),
                e.getMessage());
        assertEquals(null, TransientFailure.in(e), "a deadline is final for the attempt, not Lemon.Transient");
    }

    @Test
    void theDeadlineIsSharedByEveryCallOfTheStageAttempt() {
        ScriptedLlm llm =
                new ScriptedLlm().fail(http(500)).answer("{}").fail(http(500)).answer("{}");
        RetryingLlmClient client = retrying(llm, policy(3, Duration.ofMillis(1400)));
        inStage(() -> {
            assertEquals("{}", client.chat("s", "first question"));
            // 0.75 s of this attempt's 1.4 s are gone: the next 0.75 s wait no longer fits
            assertThrows(LlmFailedException.class, () -> client.chat("s", "second question"));
            return null;
        });
        // a new attempt (the workflow's retry, or the next stage) starts with the whole budget
        assertEquals("{}", inStage(() -> client.chat("s", "third question")));
    }

    @Test
    void aCallStillRunningAtTheDeadlineIsAbandoned() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        LlmClient hanging = new LlmClient() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public String chat(String system, String user) {
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "too late";
            }
        };
        long start = System.nanoTime();
        var e = assertThrows(
                LlmFailedException.class,
                () -> inStage(() ->
                        retrying(hanging, policy(3, Duration.ofMillis(200))).chat("s", "u")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        released.countDown();
        assertTrue(millis < 2_000, "stopped at the 200 ms deadline, not the client's own timeout: " + millis + " ms");
        assertTrue(e.getMessage().contains("a call was still waiting for an answer"), e.getMessage());
        assertEquals(null, TransientFailure.in(e), "the workflow does not run the attempt again");
    }
}
