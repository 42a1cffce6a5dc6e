package lemon.workflow;

/** A state machine definition this runner cannot accept: invalid ASL, or a feature it does not support. */
public class AslException extends RuntimeException {
    public AslException(String message) {
        super(message);
    }
}
