package lemon.port;

import java.io.IOException;

/**
 * The store as a whole cannot be used: its folder is a file or read-only, its S3 endpoint is down,
 * its bucket missing, its credentials absent or refused. A configuration problem, not a fault of one
 * key: the message says what is wrong and how to fix it, in one line, so the CLI can print just that.
 */
public class StoreUnavailableException extends IOException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first one in {@code t}'s cause chain (t included), or null. */
    public static StoreUnavailableException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StoreUnavailableException s) {
                return s;
            }
        }
        return null;
    }
}
