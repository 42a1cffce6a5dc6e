package lemon.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long story into pieces that fit an LLM context: whole sentences only (paragraph breaks
 * preferred as cut points by virtue of sentences never spanning them), each chunk estimated at
 * most {@code maxTokens} tokens (words × 1.3), and each chunk after the first repeats the last
 * sentence of the one before so a reference across the cut keeps its antecedent.
 */
public final class Chunker {
    /** Sentences repeated from the end of one chunk at the start of the next. */
    public static final int OVERLAP_SENTENCES = 1;

    private Chunker() {}

    /** Estimated LLM tokens of a text: words × 1.3, rounded up. */
    public static int estimateTokens(String text) {
        String t = text.strip();
        if (t.isEmpty()) return 0;
        int words = t.split("\\s+").length;
        return (int) Math.ceil(words * 1.3);
    }

    public static List<String> chunks(String text, int maxTokens) {
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive");
        List<String> sentences = new ArrayList<>();
        for (String s : Sentences.split(text)) sentences.addAll(fit(s, maxTokens));
        List<String> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int tokens = 0;
        int fresh = 0; // sentences in the current chunk that are not overlap
        for (String s : sentences) {
            int t = estimateTokens(s);
            if (!current.isEmpty() && tokens + t > maxTokens) {
                out.add(String.join(" ", current));
                List<String> overlap = new ArrayList<>(
                        current.subList(Math.max(0, current.size() - OVERLAP_SENTENCES), current.size()));
                current = new ArrayList<>();
                tokens = 0;
                for (String o : overlap) {
                    int ot = estimateTokens(o);
                    // The overlap must leave room for the new sentence.
                    if (ot + t <= maxTokens) {
                        current.add(o);
                        tokens += ot;
                    }
                }
                fresh = 0;
            }
            current.add(s);
            tokens += t;
            fresh++;
        }
        if (fresh > 0) out.add(String.join(" ", current));
        return out;
    }

    /** A sentence longer than the budget is cut into word runs that fit. */
    private static List<String> fit(String sentence, int maxTokens) {
        if (estimateTokens(sentence) <= maxTokens) return List.of(sentence);
        String[] words = sentence.strip().split("\\s+");
        int per = Math.max(1, (int) Math.floor(maxTokens / 1.3));
        while (per > 1 && Math.ceil(per * 1.3) > maxTokens) per--;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < words.length; i += per) {
            parts.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, Math.min(words.length, i + per))));
        }
        return parts;
    }
}
