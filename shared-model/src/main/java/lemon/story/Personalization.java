package lemon.story;

import java.util.Map;

/**
 * personalize's result at one iteration: per character the placeholder that stands for it in
 * prompts, the learned embedding (the graph network's output) and the run file of the mapper that
 * offsets it per timestep and layer (null without one), the words painted beside it if any, plus
 * the training figures.
 */
public record Personalization(String personalizer, Map<String, Token> tokens, Map<String, Object> metrics) {
    public Personalization {
        tokens = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tokens)); // sorted: stable JSON
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics)); // sorted: stable JSON
    }

    /**
     * @param anchor the words painted right after the placeholder wherever the token is used (the
     *     character's description as the model reads it), or null when the token stands alone
     */
    public record Token(
            String placeholder,
            float[] embedding,
            String mapper,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String anchor) {
        public Token(String placeholder, float[] embedding, String mapper) {
            this(placeholder, embedding, mapper, null);
        }

        /** What a prompt says for the character: the placeholder, then its anchor if it has one. */
        public String phrase() {
            return phrase(placeholder, anchor);
        }

        /** A placeholder followed by its anchor, or alone when there is none. */
        public static String phrase(String placeholder, String anchor) {
            return anchor == null || anchor.isBlank() ? placeholder : placeholder + " " + anchor;
        }
    }
}
