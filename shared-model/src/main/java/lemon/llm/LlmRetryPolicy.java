package lemon.llm;

import java.time.Duration;
import java.util.Locale;

/**
 * How patiently one stage waits for its LLM: a call that fails transiently (timeout, throttling,
 * 5xx) is retried up to {@code retries} times after an exponentially growing, jittered delay, and
 * all LLM work of one stage attempt, waits included, must end within {@code stageDeadline}.
 */
public record LlmRetryPolicy(int retries, Duration backoff, Duration maxBackoff, Duration stageDeadline) {
    /**
     * Three retries after about 1, 2 and 4 s; four minutes per stage attempt, below the default
     * Lambda timeout (terraform's lambda_timeout_seconds, 300 s), so a stage stops with our message
     * rather than being killed.
     */
    public static final LlmRetryPolicy DEFAULT =
            new LlmRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(4));

    public LlmRetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("LLM retries must be 0 or more, got " + retries);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("LLM back-off must not be negative");
        }
        if (maxBackoff == null || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("LLM maximum back-off must be at least the back-off");
        }
        if (stageDeadline == null || stageDeadline.isNegative() || stageDeadline.isZero()) {
            throw new IllegalArgumentException("LLM stage deadline must be positive");
        }
    }

    /**
     * The wait before retry {@code retry} (1 = the first): {@code backoff·2^(retry−1)}, capped at
     * {@code maxBackoff}, times a factor in [0.5, 1) drawn from {@code u} ∈ [0, 1). Half the wait is
     * fixed so a retry never comes straight back; the other half is random so that runs throttled
     * together do not retry together ("equal jitter").
     */
    public Duration delay(int retry, double u) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        double nominal =
                Math.min((double) maxBackoff.toNanos(), backoff.toNanos() * Math.pow(2, Math.min(retry - 1, 62)));
        double factor = 0.5 + 0.5 * Math.min(Math.max(u, 0), 1);
        return Duration.ofNanos(Math.round(nominal * factor));
    }

    /** "850 ms", "1.4 s", "120 s", "4 min", "2 min 30 s": for progress lines and messages. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        return s % 60 == 0 ? (s / 60) + " min" : (s / 60) + " min " + (s % 60) + " s";
    }
}
