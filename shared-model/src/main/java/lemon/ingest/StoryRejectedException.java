package lemon.ingest;

/** The upload is not a story we can work on; the message says exactly why. */
public class StoryRejectedException extends RuntimeException {
    public enum Reason {
        EMPTY,
        BINARY,
        NOT_UTF8,
        TOO_LARGE,
        TOO_SHORT,
        NO_CHARACTERS
    }

    private final Reason reason;

    public StoryRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
