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
public record StageAttempt(String stage, long startNanos) {
    private static final ThreadLocal<StageAttempt> CURRENT = new ThreadLocal<>();

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
