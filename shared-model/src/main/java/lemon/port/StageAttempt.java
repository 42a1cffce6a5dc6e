package lemon.port;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stage attempt running on this thread: its name and when it started. The StageLedger sets it
 * around {@code Stage.run}, so that an adapter deep inside a stage (the LLM client) can hold all of
 * its calls to one deadline per attempt and name the stage in progress lines, without every port
 * method carrying a context parameter. Confined to the thread that runs the stage: work a stage
 * hands to other threads sees no attempt.
 */
public record StageAttempt(String stage, long startNanos, Usage usage) {
    private static final ThreadLocal<StageAttempt> CURRENT = new ThreadLocal<>();

    public StageAttempt(String stage, long startNanos) {
        this(stage, startNanos, new Usage());
    }

    /**
     * What the attempt used that costs money beyond its time: LLM tokens, and store requests and bytes
     * as S3 bills them (counted by a {@link MeteredBlobStore} around the attempt's store). Safe to add
     * to from any thread: a stage may hand work to others.
     */
    public static final class Usage {
        private final java.util.concurrent.atomic.AtomicLong llmInputTokens =
                new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong llmOutputTokens =
                new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong s3PutRequests =
                new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong s3GetRequests =
                new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong s3BytesWritten =
                new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong s3BytesRead = new java.util.concurrent.atomic.AtomicLong();

        public void addLlmTokens(long input, long output) {
            llmInputTokens.addAndGet(input);
            llmOutputTokens.addAndGet(output);
        }

        /**
         * Store requests in S3's two price classes: {@code putClass} PUT, COPY, POST and LIST;
         * {@code getClass} GET, HEAD and the rest (DELETE is free and not counted).
         */
        public void addStoreRequests(long putClass, long getClass, long bytesWritten, long bytesRead) {
            s3PutRequests.addAndGet(putClass);
            s3GetRequests.addAndGet(getClass);
            s3BytesWritten.addAndGet(bytesWritten);
            s3BytesRead.addAndGet(bytesRead);
        }

        /** For the manifest entry: only what was used (no store at all, no S3 keys). */
        public java.util.Map<String, Long> asMap() {
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            if (llmInputTokens.get() > 0 || llmOutputTokens.get() > 0) {
                out.put("llmInputTokens", llmInputTokens.get());
                out.put("llmOutputTokens", llmOutputTokens.get());
            }
            if (s3PutRequests.get() > 0 || s3GetRequests.get() > 0) {
                out.put(S3_PUT_REQUESTS, s3PutRequests.get());
                out.put(S3_GET_REQUESTS, s3GetRequests.get());
                out.put("s3BytesWritten", s3BytesWritten.get());
                out.put("s3BytesRead", s3BytesRead.get());
            }
            return out;
        }
    }

    /** Usage keys of the requests RunCost prices: S3's PUT class (PUT, COPY, POST, LIST) and GET class (the rest). */
    public static final String S3_PUT_REQUESTS = "s3PutRequests";

    public static final String S3_GET_REQUESTS = "s3GetRequests";

    /** The attempt running on this thread, if any. */
    public static Optional<StageAttempt> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code body} as this attempt, restoring whatever ran before (nested attempts in tests). */
    public <T> T run(Supplier<T> body) {
        StageAttempt outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
