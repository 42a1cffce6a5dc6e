package lemon.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits prose into sentences. Paragraph breaks (blank lines) always end a sentence; inside a
 * paragraph a sentence ends at . ! ? (plus any closing quotes or brackets) when the next word
 * starts with a capital, a digit or an opening quote, except after a known abbreviation or an
 * initial. Line breaks inside a paragraph are just spaces.
 */
public final class Sentences {
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "mt", "capt", "col", "gen", "rev", "vs", "etc",
            "messrs");

    /** Abbreviations only before a number ("No. 7", "vol. 2"): "Weiss said no. Ernie Cobb opened" is two sentences. */
    private static final Set<String> BEFORE_NUMBERS = Set.of("no", "vol", "ch", "fig");

    private Sentences() {}

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        for (String paragraph : normalised.split("\\n\\s*\\n")) {
            String p = paragraph.replaceAll("\\s+", " ").strip();
            if (!p.isEmpty()) splitParagraph(p, out);
        }
        return out;
    }

    private static void splitParagraph(String p, List<String> out) {
        int start = 0;
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c != '.' && c != '!' && c != '?' && c != '…') continue;
            int end = i + 1;
            while (end < n && isTerminalTrailer(p.charAt(end))) end++;
            if (end >= n) break;
            if (p.charAt(end) != ' ') continue;
            int next = end + 1;
            if (next >= n || !startsSentence(p.charAt(next))) continue;
            if (c == '.' && isAbbreviation(p, i, p.charAt(next))) continue;
            add(out, p.substring(start, end));
            start = next;
            i = end;
        }
        add(out, p.substring(start));
    }

    private static boolean isTerminalTrailer(char c) {
        return c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']'
                || c == '»';
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c)
                || Character.isDigit(c)
                || c == '"'
                || c == '“'
                || c == '‘'
                || c == '\''
                || c == '('
                || c == '['
                || c == '«';
    }

    /** True when the word ending just before {@code dot} is an abbreviation or an initial. */
    private static boolean isAbbreviation(String p, int dot, char next) {
        int s = dot;
        while (s > 0 && Character.isLetter(p.charAt(s - 1))) s--;
        String word = p.substring(s, dot);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0)) && !word.equals("I")) return true;
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        return ABBREVIATIONS.contains(lower) || (BEFORE_NUMBERS.contains(lower) && Character.isDigit(next));
    }

    private static void add(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) out.add(t);
    }
}
