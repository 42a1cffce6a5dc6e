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
     * @param anchor the words painted with the placeholder wherever the token is used (the
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

        /** What a prompt says for the character: its anchor with the placeholder in it, or the placeholder alone. */
        public String phrase() {
            return phrase(placeholder, anchor);
        }

        /**
         * The anchor with the placeholder in the place of its {@link #personWord} ("a tall <c1> with
         * red hair", as Textual Inversion writes "a photo of S*"; the token starts from that word);
         * before the anchor when it names no person ("<c1> a little"); alone without an anchor. A
         * placeholder before the article put a word where the scene model expects a person's "a" or
         * "an", and in scenes of three it then lost who wears which colour and painted all three alike.
         */
        public static String phrase(String placeholder, String anchor) {
            if (anchor == null || anchor.isBlank()) return placeholder;
            java.util.regex.Matcher m = PERSON_WORD.matcher(anchor);
            return m.find()
                    ? anchor.substring(0, m.start()) + placeholder + anchor.substring(m.end())
                    : placeholder + " " + anchor;
        }

        /** The first word the anchor calls the person by ("man", "girl"), lower case; null when it names none. */
        public static String personWord(String anchor) {
            if (anchor == null) return null;
            java.util.regex.Matcher m = PERSON_WORD.matcher(anchor);
            return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
        }

        /** The words an anchor may call a person by, the ones a token stands in the place of. */
        public static final java.util.List<String> PERSON_WORDS =
                java.util.List.of("man", "woman", "boy", "girl", "person", "child");

        private static final java.util.regex.Pattern PERSON_WORD = java.util.regex.Pattern.compile(
                "\\b(" + String.join("|", PERSON_WORDS) + ")\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    }
}
