package lemon.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one sentence of story text into word-level tokens for the offline analyst (not the
 * caption tokenizer of the mini models, which maps words to vocabulary ids). Words keep inner hyphens and apostrophes ("Snow-white",
 * "don't"); a trailing 's becomes its own POSSESSIVE token so "Cassim's wife" is three tokens.
 * Curly and straight quotes are told apart from apostrophes by their neighbours.
 */
public final class WordTokenizer {
    private WordTokenizer() {}

    /** Titles written short with a point ("Mr.", "Dr."); "sir." or "miss." ends a sentence. */
    private static final java.util.Set<String> ABBREVIATED_TITLES = java.util.Set.of("mr", "mrs", "ms", "dr");

    /** Whether the sentence has a quote mark of its own (one in the middle of a long speech has none). */
    static boolean hasQuoteMark(List<WordToken> ts) {
        return ts.stream()
                .anyMatch(t -> t.kind() == WordToken.Kind.QUOTE_OPEN || t.kind() == WordToken.Kind.QUOTE_CLOSE);
    }

    /** Whether the sentence began inside a quote an earlier one opened: marked quoted where the quote closes in it. */
    static boolean beganInQuote(List<WordToken> ts) {
        return !ts.isEmpty() && ts.get(0).quoted() && ts.get(0).kind() != WordToken.Kind.QUOTE_OPEN;
    }

    /** Whether a quote is still open at the sentence's end. */
    static boolean endsInQuote(List<WordToken> ts) {
        if (ts.isEmpty()) return false;
        WordToken last = ts.get(ts.size() - 1);
        return last.quoted() && last.kind() != WordToken.Kind.QUOTE_CLOSE;
    }

    public static List<WordToken> tokenize(String sentence) {
        List<WordToken> out = new ArrayList<>();
        String s = sentence;
        int n = s.length();
        int depth = 0;
        boolean nextInitial = true;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (Character.isLetterOrDigit(d)) {
                        j++;
                    } else if ((d == '-' || d == '\'' || d == '’')
                            && j + 1 < n
                            && Character.isLetter(s.charAt(j + 1))
                            && !isPossessive(s, j)) {
                        j++;
                    } else {
                        break;
                    }
                }
                out.add(new WordToken(s.substring(i, j), WordToken.Kind.WORD, nextInitial, depth > 0));
                nextInitial = false;
                // "Mr. Grant", "Dr. Lin": a title's abbreviating point is no punctuation, so the title stands right
                // before the name as in "Mr Grant"
                if (j + 1 < n
                        && s.charAt(j) == '.'
                        && Character.isWhitespace(s.charAt(j + 1))
                        && ABBREVIATED_TITLES.contains(s.substring(i, j).toLowerCase(java.util.Locale.ROOT))) j++;
                i = j;
                if (i < n && isPossessive(s, i)) {
                    out.add(new WordToken("'s", WordToken.Kind.POSSESSIVE, false, depth > 0));
                    i += 2;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            WordToken.Kind kind = quoteKind(s, i, depth);
            if (kind == WordToken.Kind.QUOTE_OPEN) {
                depth++;
                nextInitial = true;
                out.add(new WordToken(String.valueOf(c), kind, false, true));
            } else if (kind == WordToken.Kind.QUOTE_CLOSE) {
                if (depth == 0) {
                    // The sentence began inside a quotation opened in an earlier sentence.
                    for (int k = 0; k < out.size(); k++) out.set(k, out.get(k).withQuoted(true));
                } else {
                    depth--;
                }
                out.add(new WordToken(String.valueOf(c), kind, false, true));
            } else if (kind != null) {
                out.add(new WordToken(String.valueOf(c), WordToken.Kind.PUNCT, false, depth > 0));
                if (c == ':' || c == '(') nextInitial = true;
            }
            i++;
        }
        return withCapitalisedShouts(out);
    }

    /**
     * "The ship's computer was called ORLA. ORLA spoke": a lone word in capitals among lower-case words reads as the
     * name it is ("Orla"); a heading or a shout in capitals ("HANSEL AND GRETTEL"), a roman numeral or a two-letter
     * word ("OK") stays as written.
     */
    private static List<WordToken> withCapitalisedShouts(List<WordToken> ts) {
        long lower = ts.stream()
                .filter(t -> t.isWord() && !t.text().equals(t.text().toUpperCase(java.util.Locale.ROOT)))
                .count();
        if (lower < 2) return ts;
        List<WordToken> out = new ArrayList<>(ts);
        for (int k = 0; k < ts.size(); k++) {
            if (!allCapitals(ts.get(k))
                    || (k > 0 && allCapitals(ts.get(k - 1)))
                    || (k + 1 < ts.size() && allCapitals(ts.get(k + 1)))) continue;
            WordToken t = ts.get(k);
            String text = t.text().charAt(0) + t.text().substring(1).toLowerCase(java.util.Locale.ROOT);
            out.set(k, new WordToken(text, t.kind(), t.initial(), t.quoted()));
        }
        return out;
    }

    /** A word of three or more letters, all capitals, that is no roman numeral. */
    private static boolean allCapitals(WordToken t) {
        String w = t.text();
        return t.isWord() && w.length() >= 3 && w.matches("\\p{Lu}[\\p{Lu}-]*\\p{Lu}") && !w.matches("[IVXLCDM]+");
    }

    /** 's or ’s at {@code i} closing a word ("Cassim's" but not "she's" inside "she'shall"). */
    private static boolean isPossessive(String s, int i) {
        if (i + 1 >= s.length()) return false;
        char a = s.charAt(i);
        if (a != '\'' && a != '’') return false;
        if (s.charAt(i + 1) != 's' && s.charAt(i + 1) != 'S') return false;
        return i + 2 >= s.length() || !Character.isLetter(s.charAt(i + 2));
    }

    /** Quote kind of the mark at i, PUNCT for other punctuation, null for ignorable marks. */
    private static WordToken.Kind quoteKind(String s, int i, int depth) {
        char c = s.charAt(i);
        boolean prevSpace = i == 0 || Character.isWhitespace(s.charAt(i - 1)) || "([—-".indexOf(s.charAt(i - 1)) >= 0;
        switch (c) {
            case '“':
            case '‘':
            case '«':
                return WordToken.Kind.QUOTE_OPEN;
            case '”':
            case '»':
                return WordToken.Kind.QUOTE_CLOSE;
            case '"':
                return prevSpace || (depth == 0 && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)))
                        ? WordToken.Kind.QUOTE_OPEN
                        : WordToken.Kind.QUOTE_CLOSE;
            case '\'':
            case '’':
                if (prevSpace) return WordToken.Kind.QUOTE_OPEN;
                // A plural possessive ("thieves' cave") outside quotes is no quote at all.
                if (depth == 0 && i > 0 && s.charAt(i - 1) == 's' && i + 1 < s.length() && s.charAt(i + 1) == ' ')
                    return null;
                return WordToken.Kind.QUOTE_CLOSE;
            default:
                return WordToken.Kind.PUNCT;
        }
    }
}
