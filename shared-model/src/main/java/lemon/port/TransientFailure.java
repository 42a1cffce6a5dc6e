package lemon.port;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A fault that may well not happen again a little later: a timeout, throttling, a server's 5xx.
 * Adapters throw it (LLM clients, blob stores) so that nobody in between retries at once; the
 * workflow names it {@value #ERROR_NAME} and the state machine's Retry blocks retry the stage with
 * back-off. Anything else a stage throws is treated as permanent.
 */
public class TransientFailure extends RuntimeException {
    /** The ASL error name Retry and Catch match. */
    public static final String ERROR_NAME = lemon.stage.StageErrors.TRANSIENT;

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first TransientFailure in {@code t}'s cause chain (t included), or null. */
    public static TransientFailure in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TransientFailure f) {
                return f;
            }
        }
        return null;
    }

    /** Whether a socket, HTTP or future timeout is somewhere in {@code t}'s cause chain. */
    public static boolean causedByTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketTimeoutException
                    || c instanceof HttpTimeoutException
                    || c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of {@code t}, for a one-line cause. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
