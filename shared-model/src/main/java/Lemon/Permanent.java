package Lemon;

/**
 * A stage failed in a way that asking again will not change (bad input, bad configuration, a
 * refusal): caught by the workflow and recorded, never retried. Its full name is the error name,
 * for the reason {@link Transient} gives.
 */
public final class Permanent extends RuntimeException {
    public Permanent(String message, Throwable cause) {
        super(message, cause);
    }
}
