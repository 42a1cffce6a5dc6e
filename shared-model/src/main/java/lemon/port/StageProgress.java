package lemon.port;

import java.util.concurrent.Callable;

/**
 * The {@link Progress} of the stage running on this thread, for work deep below a stage that has no
 * Progress of its own: the shared engines painting pictures or training tokens. The workflow's
 * runner opens a scope around each stage call, so "painted 16 of 56 images" and a training bar's
 * lines reach the run they belong to (its CLI lines, its web page) even when several runs share the
 * engines; outside a scope engines log as before.
 */
public final class StageProgress {
    private StageProgress() {}

    private record Scope(Progress progress, String stage) {}

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    /** Runs {@code work} with {@code progress} as this thread's stage progress for {@code stage}. */
    public static <T> T within(Progress progress, String stage, Callable<T> work) throws Exception {
        Scope previous = CURRENT.get();
        CURRENT.set(new Scope(progress, stage));
        try {
            return work.call();
        } finally {
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
        }
    }

    /** True when a stage on this thread listens. */
    public static boolean listening() {
        return CURRENT.get() != null;
    }

    /** Hands a line to the stage on this thread; false when none listens (then log it as before). */
    public static boolean report(String message) {
        Scope s = CURRENT.get();
        if (s == null) return false;
        s.progress().report(s.stage(), message);
        return true;
    }
}
