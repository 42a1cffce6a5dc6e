package lemon.analysis;

import java.util.Locale;

/**
 * One token of a story sentence ({@link WordTokenizer}): a word, a possessive marker ('s), punctuation or a quote mark.
 *
 * @param initial the word opens the sentence or a quotation, so its capital says nothing
 * @param quoted  the token lies inside quoted speech
 */
public record WordToken(String text, Kind kind, boolean initial, boolean quoted) {
    public enum Kind {
        WORD,
        POSSESSIVE,
        PUNCT,
        QUOTE_OPEN,
        QUOTE_CLOSE
    }

    public String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }

    /** Starts with a capital letter and is not all capitals (titles in capitals are not names). */
    public boolean capitalised() {
        if (kind != Kind.WORD || text.isEmpty() || !Character.isUpperCase(text.charAt(0))) return false;
        if (text.length() == 1) return true;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isLowerCase(text.charAt(i))) return true;
        }
        return false;
    }

    WordToken withQuoted(boolean q) {
        return new WordToken(text, kind, initial, q);
    }
}
