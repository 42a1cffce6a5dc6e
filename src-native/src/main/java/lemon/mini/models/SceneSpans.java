package lemon.mini.models;

import java.util.Arrays;
import java.util.List;

/**
 * Which person of a scene caption each word speaks of, read from the grammar the world's scene
 * captions and the visualize stage's prompts share: people are joined by "stands beside", "talks
 * with", "argues with", "… and listens to", "hands … to", "gives", ", while … looks on" and the
 * like; the words of those phrases, of the item handed over and of the action are the scene's
 * (−1). Person i stands in column i of the picture, left to right, as the renderer places them.
 */
public final class SceneSpans {
    private SceneSpans() {}

    /** Phrases after which the next person is named. */
    private static final List<List<String>> JOINS = phrases(
            "stands beside",
            "talks with",
            "argues with",
            "and listens to",
            "stands before",
            "gives",
            ", while",
            ", watched by",
            "; beside them stands");
    /** Phrases that end the person named before them; what follows is the scene's until a join. */
    private static final List<List<String>> ENDS = phrases(
            "sits on a chair",
            "speaks",
            "stands alone",
            "stands waiting",
            "looks on",
            "stand side by side",
            "face each other",
            "quarrel face to face",
            ", who is seated",
            "hands",
            "offers");
    /** Things handed over (the world's items): never part of a person. */
    private static final List<List<String>> ITEMS =
            phrases("a red apple", "a brown book", "a yellow flower", "a sealed letter", "a golden cup");
    /** Captions whose two people are joined by a bare "and": "A and B stand side by side". */
    private static final List<List<String>> AND_FORMS =
            phrases("stand side by side", "face each other", "quarrel face to face");

    /**
     * For each word (as {@link CaptionTokenizer#words} splits the caption), the person it belongs to
     * (0, 1, 2 in order of the picture's columns) or −1 for the scene's words. A caption of one
     * person is all −1: there is nothing to keep apart.
     */
    public static int[] personOfWord(List<String> words) {
        int n = words.size();
        int[] out = new int[n];
        Arrays.fill(out, -1);
        boolean andForm = AND_FORMS.stream().anyMatch(p -> indexOf(words, p, 0) >= 0);
        int person = 0;
        boolean inPerson = true;
        int i = 0;
        while (i < n) {
            List<String> item = at(words, i, ITEMS);
            if (item != null) {
                i += item.size();
                inPerson = false;
                continue;
            }
            List<String> join = at(words, i, JOINS);
            boolean bareAnd = join == null
                    && andForm
                    && person == 0
                    && words.get(i).equals("and")
                    && i + 1 < n
                    && (words.get(i + 1).equals("a") || words.get(i + 1).equals("an"));
            boolean toAfterItem = join == null && !inPerson && words.get(i).equals("to");
            if (join != null || bareAnd || toAfterItem) {
                i += join != null ? join.size() : 1;
                person++;
                inPerson = true;
                continue;
            }
            List<String> end = at(words, i, ENDS);
            if (end != null) {
                i += end.size();
                inPerson = false;
                continue;
            }
            if (inPerson) out[i] = person;
            i++;
        }
        if (person == 0) Arrays.fill(out, -1);
        // "B stands before A, who is seated": the first named stands in the second column
        if (indexOf(words, List.of("stands", "before"), 0) >= 0
                && indexOf(words, List.of(",", "who", "is", "seated"), 0) >= 0)
            for (int j = 0; j < n; j++) if (out[j] == 0 || out[j] == 1) out[j] = 1 - out[j];
        return out;
    }

    /**
     * The same per text-encoder position of {@link CaptionTokenizer#encode} (bos at 0, words from
     * 1, cut at {@code maxTokens − 2}; bos, eos and padding are the scene's).
     */
    public static int[] personOfToken(List<String> words, int maxTokens) {
        int[] byWord = personOfWord(words);
        int[] out = new int[maxTokens];
        Arrays.fill(out, -1);
        for (int i = 0; i < Math.min(words.size(), maxTokens - 2); i++) out[i + 1] = byWord[i];
        return out;
    }

    /** How many people the spans name (1 when none is told apart). */
    public static int people(int[] spans) {
        return Math.max(1, Arrays.stream(spans).max().orElse(-1) + 1);
    }

    private static List<String> at(List<String> words, int i, List<List<String>> options) {
        for (List<String> p : options) if (matches(words, p, i)) return p;
        return null;
    }

    private static int indexOf(List<String> words, List<String> phrase, int from) {
        for (int i = from; i + phrase.size() <= words.size(); i++) if (matches(words, phrase, i)) return i;
        return -1;
    }

    private static boolean matches(List<String> words, List<String> phrase, int i) {
        if (i + phrase.size() > words.size()) return false;
        for (int j = 0; j < phrase.size(); j++) if (!words.get(i + j).equals(phrase.get(j))) return false;
        return true;
    }

    private static List<List<String>> phrases(String... texts) {
        return Arrays.stream(texts).map(CaptionTokenizer::split).toList();
    }
}
