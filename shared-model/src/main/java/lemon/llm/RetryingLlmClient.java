package lemon.llm;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import lemon.port.LlmClient;
import lemon.port.Progress;
import lemon.port.StageAttempt;
import lemon.port.TransientFailure;

/**
 * Puts an {@link LlmRetryPolicy} around an LLM client. A {@link TransientFailure} of a call
 * (timeout, throttling, 5xx) is retried after an exponential, jittered back-off, each retry
 * announced as a progress line; when the retries are used up the last failure goes on as a
 * TransientFailure, which the workflow's Retry turns into another attempt of the stage later.
 * All calls of one {@link StageAttempt}, back-off included, share the policy's stage deadline:
 * a call still running when it passes is abandoned, and the stage fails with an
 * {@link LlmFailedException} that names the deadline; that failure is not transient, as the
 * attempt has already spent the time a workflow retry would spend again. Other failures pass
 * through untouched.
 */
public final class RetryingLlmClient implements LlmClient {
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Calls run here so the caller can stop waiting when the deadline passes, whatever the client's
     * own timeout. Daemon threads: an abandoned call must not keep the JVM alive.
     */
    private static final ExecutorService CALLS =
            Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "lemon-llm-call-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    private final LlmClient client;
    private final LlmRetryPolicy policy;
    private final Progress progress;
    private Sleeper sleeper = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
    private LongSupplier nanoTime = System::nanoTime;
    private DoubleSupplier jitter = Math::random;

    public RetryingLlmClient(LlmClient client, LlmRetryPolicy policy, Progress progress) {
        this.client = Objects.requireNonNull(client);
        this.policy = Objects.requireNonNull(policy);
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /** Tests wait on a recorded, virtual clock instead of real time. */
    public RetryingLlmClient withSleeper(Sleeper s) {
        this.sleeper = Objects.requireNonNull(s);
        return this;
    }

    /** The clock of deadlines, in nanoseconds; must tick with the StageAttempt's start (System.nanoTime). */
    public RetryingLlmClient withNanoTime(LongSupplier clock) {
        this.nanoTime = Objects.requireNonNull(clock);
        return this;
    }

    /** Uniform draws in [0, 1) for the back-off's jitter. */
    public RetryingLlmClient withJitter(DoubleSupplier random) {
        this.jitter = Objects.requireNonNull(random);
        return this;
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public String chat(String system, String user) {
        // outside a stage (a tool asking one question) the deadline counts from this call
        StageAttempt attempt = StageAttempt.current().orElse(null);
        String stage = attempt == null ? "" : attempt.stage();
        long start = attempt == null ? nanoTime.getAsLong() : attempt.startNanos();
        long deadline = start + policy.stageDeadline().toNanos();
        long firstCall = nanoTime.getAsLong();
        TransientFailure last = null;
        for (int retry = 0; ; retry++) {
            long remaining = deadline - nanoTime.getAsLong();
            if (remaining <= 0) {
                throw pastDeadline(last, retry, false);
            }
            try {
                LlmClient.Answer answer = callWithin(system, user, remaining, last, retry);
                if (attempt != null) {
                    attempt.usage().addLlmTokens(answer.inputTokens(), answer.outputTokens());
                }
                return answer.text();
            } catch (TransientFailure e) {
                last = e;
            }
            String reason = TransientLlmFailure.reasonOf(last);
            if (retry == policy.retries()) {
                throw new TransientLlmFailure(
                        "LLM " + client.name() + " failed " + (retry + 1) + " time(s) in a row over "
                                + LlmRetryPolicy.human(Duration.ofNanos(nanoTime.getAsLong() - firstCall))
                                + "; last: " + detail(last),
                        reason,
                        last);
            }
            Duration delay = policy.delay(retry + 1, jitter.getAsDouble());
            if (nanoTime.getAsLong() + delay.toNanos() >= deadline) {
                // waiting would only run into the deadline: say so now
                throw pastDeadline(last, retry + 1, false);
            }
            progress.report(
                    stage,
                    String.format(
                            Locale.ROOT,
                            "LLM call failed (%s), retry %d of %d in %s",
                            reason,
                            retry + 1,
                            policy.retries(),
                            LlmRetryPolicy.human(delay)));
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmFailedException("interrupted while waiting to retry LLM " + client.name(), e);
            }
        }
    }

    private LlmClient.Answer callWithin(
            String system, String user, long remainingNanos, TransientFailure last, int calls) {
        Future<LlmClient.Answer> call = CALLS.submit(() -> client.ask(system, user));
        try {
            return call.get(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw pastDeadline(last, calls, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new LlmFailedException("LLM " + client.name() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmFailedException("interrupted while waiting for LLM " + client.name(), e);
        }
    }

    /** "HTTP 500 (CUDA out of memory)": the short reason and what the server or the JDK said. */
    private static String detail(TransientFailure f) {
        String reason = TransientLlmFailure.reasonOf(f);
        if (f.getCause() == null) {
            return reason;
        }
        String root = TransientFailure.rootMessage(f);
        return root.equals(reason) ? reason : reason + " (" + root + ")";
    }

    private LlmFailedException pastDeadline(TransientFailure last, int failedCalls, boolean callRunning) {
        StringBuilder m = new StringBuilder("LLM ")
                .append(client.name())
                .append(" did not answer within the stage deadline of ")
                .append(LlmRetryPolicy.human(policy.stageDeadline()))
                .append(" (lemon.llm.stage-deadline): ");
        String lastFailure = last == null ? "" : ", the last with " + TransientLlmFailure.reasonOf(last);
        if (callRunning) {
            m.append("a call was still waiting for an answer");
            if (last != null) {
                m.append(" after ")
                        .append(failedCalls)
                        .append(" failed call(s)")
                        .append(lastFailure);
            }
        } else if (last != null) {
            m.append(failedCalls)
                    .append(" call(s) failed")
                    .append(lastFailure)
                    .append(", and the next retry would not fit");
        } else {
            m.append("no time was left for another call");
        }
        m.append(". Check that the LLM server is up and not overloaded, or raise the deadline.");
        // the transient failure itself stays out of the cause chain, where the workflow would find
        // it and retry the stage: the deadline is final for this attempt
        return new LlmFailedException(m.toString(), last == null ? null : last.getCause());
    }
}
