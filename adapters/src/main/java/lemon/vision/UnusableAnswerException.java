package lemon.vision;

import lemon.llm.LlmFailedException;

/**
 * A vision model's answer to the people/gender questions that cannot be turned into a verdict.
 * The message says what is wrong and what came back (trimmed); {@link #kind()} lets a caller tell a
 * refusal (the model will not say) from an answer it could not read.
 */
public class UnusableAnswerException extends LlmFailedException {
    public enum Kind {
        /** Not the JSON object asked for: prose, broken JSON, a missing or mistyped field. */
        MALFORMED,
        /** A people count below 0 or above {@value VisionQuestion#MAX_PEOPLE}. */
        OUT_OF_RANGE,
        /** As many genders as people were not listed. */
        MISMATCH,
        /** The model declined to answer ("I can't help with that"). */
        REFUSED
    }

    private final Kind kind;
    private final String answer;

    public UnusableAnswerException(Kind kind, String message, String answer) {
        super(message, null);
        this.kind = kind;
        this.answer = answer;
    }

    public Kind kind() {
        return kind;
    }

    /** What the model said, trimmed to one short line. */
    public String answer() {
        return answer;
    }
}
