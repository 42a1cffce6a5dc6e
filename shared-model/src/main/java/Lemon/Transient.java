package Lemon;

/**
 * A stage failed in a way that may well pass a little later (an LLM timeout or throttling, a
 * store's 5xx). The class's full name is the error name the workflow's Retry blocks match: a Java
 * Lambda reports the class name of what its handler throws as the error type, and Step Functions
 * matches that string, hence the capitalised package.
 */
public final class Transient extends RuntimeException {
    public Transient(String message, Throwable cause) {
        super(message, cause);
    }
}
