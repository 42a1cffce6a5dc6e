package lemon.llm;

import lemon.port.TransientFailure;

/**
 * A transient fault of one LLM call, with a short reason for progress lines ("HTTP 500",
 * "timed out after 120 s", "throttled, HTTP 429") beside the full message.
 */
public class TransientLlmFailure extends TransientFailure {
    private final String reason;

    public TransientLlmFailure(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The short reason of any transient failure: ours, or else its innermost message. */
    static String reasonOf(TransientFailure f) {
        return f instanceof TransientLlmFailure l ? l.reason() : TransientFailure.rootMessage(f);
    }
}
