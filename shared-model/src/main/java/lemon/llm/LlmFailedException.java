package lemon.llm;

/** The LLM gave no usable answer within the allowed attempts; the message says what went wrong. */
public class LlmFailedException extends RuntimeException {
    public LlmFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
