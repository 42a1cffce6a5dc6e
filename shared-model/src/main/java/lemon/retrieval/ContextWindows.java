package lemon.retrieval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Context windows of §4.1: each sentence that names a character, joined with its previous and
 * following sentence, with character names masked so labels do not leak into the encoder.
 */
public final class ContextWindows {
    /** What every character name becomes in a masked window (story side and C.D. side alike). */
    public static final String MASK = "someone";

    // A sentence ends at . ! or ? (optionally followed by a closing quote) before whitespace.
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’)]?)\\s+");

    private ContextWindows() {}

    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text.strip())) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }

    /** Windows (sentence ±1) around every sentence that contains {@code name}; unmasked. */
    public static List<String> windows(String text, String name) {
        List<String> s = sentences(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i).contains(name)) continue;
            StringBuilder w = new StringBuilder();
            for (int j = Math.max(0, i - 1); j <= Math.min(s.size() - 1, i + 1); j++) {
                if (w.length() > 0) w.append(' ');
                w.append(s.get(j));
            }
            out.add(w.toString());
        }
        return out;
    }

    /** Replaces every occurrence of the given names (longest first) with {@link #MASK}. */
    public static String mask(String text, Collection<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String n : sorted) {
            if (!n.isBlank()) out = out.replace(n, MASK);
        }
        return out;
    }

    /** Masked windows for a character whose script has the given cast. */
    public static List<String> maskedWindows(String text, String name, Collection<String> cast) {
        List<String> out = new ArrayList<>();
        for (String w : windows(text, name)) out.add(mask(w, cast));
        return out;
    }
}
