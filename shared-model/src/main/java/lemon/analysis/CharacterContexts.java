package lemon.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import lemon.story.StoryCharacter;

/**
 * Contexts of a character for the portrait-prompting matcher: every sentence that refers to the
 * character, with its neighbours, and every character's names masked so the matcher sees what the
 * character does, not what it is called.
 */
public final class CharacterContexts {
    public static final String SELF = "[CHARACTER]";
    public static final String OTHER = "[OTHER]";

    private CharacterContexts() {}

    /** Unmasked sentences that name the character (by name, alias or relational phrase). */
    public static List<String> mentionSentences(String text, StoryCharacter c, List<StoryCharacter> all) {
        MentionIndex index = MentionIndex.build(text, withCharacter(c, all));
        List<String> out = new ArrayList<>();
        for (int s : index.sentencesMentioning(c.id(), false))
            out.add(index.sentences().get(s));
        return out;
    }

    /**
     * Up to {@code maxWindows} windows (previous sentence, mentioning sentence, next sentence),
     * spread evenly over the story. Explicit mentions come first; sentences that refer to the
     * character only by pronoun fill up when there are too few.
     */
    public static List<String> windows(String text, StoryCharacter c, List<StoryCharacter> all, int maxWindows) {
        if (maxWindows <= 0) return List.of();
        List<StoryCharacter> chars = withCharacter(c, all);
        MentionIndex index = MentionIndex.build(text, chars);
        List<Integer> explicit = index.sentencesMentioning(c.id(), false);
        List<Integer> chosen = new ArrayList<>(spread(explicit, maxWindows));
        if (chosen.size() < maxWindows) {
            List<Integer> pronounOnly = new ArrayList<>(index.sentencesMentioning(c.id(), true));
            pronounOnly.removeAll(explicit);
            chosen.addAll(spread(pronounOnly, maxWindows - chosen.size()));
            chosen.sort(Comparator.naturalOrder());
        }
        List<String> out = new ArrayList<>();
        for (int s : chosen) {
            StringBuilder sb = new StringBuilder();
            for (int k = Math.max(0, s - 1); k <= Math.min(index.sentences().size() - 1, s + 1); k++) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(mask(index, k, c.id()));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** Sentence k with explicit mentions replaced by placeholders (pronouns are left alone). */
    static String mask(MentionIndex index, int k, String selfId) {
        String sentence = index.sentences().get(k);
        List<WordToken> ts = index.tokens().get(k);
        // Locate each token in the sentence text, to cut the original string, not a re-spelling.
        int[] starts = new int[ts.size()];
        int[] ends = new int[ts.size()];
        int pos = 0;
        for (int i = 0; i < ts.size(); i++) {
            String t = ts.get(i).text();
            int at = ts.get(i).kind() == WordToken.Kind.POSSESSIVE
                    ? findPossessive(sentence, pos)
                    : sentence.indexOf(t, pos);
            if (at < 0) at = pos;
            starts[i] = at;
            ends[i] = ts.get(i).kind() == WordToken.Kind.POSSESSIVE ? at + 2 : at + t.length();
            pos = ends[i];
        }
        StringBuilder sb = new StringBuilder();
        int cursor = 0;
        TreeSet<Integer> done = new TreeSet<>();
        for (MentionIndex.Mention m : index.mentions(k)) {
            if (!m.explicit() || done.contains(m.start())) continue;
            int from = starts[m.start()];
            int to = ends[m.end() - 1];
            if (from < cursor) continue;
            sb.append(sentence, cursor, from);
            sb.append(m.characterId().equals(selfId) ? SELF : OTHER);
            cursor = to;
            done.add(m.start());
        }
        sb.append(sentence.substring(cursor));
        return sb.toString();
    }

    private static int findPossessive(String s, int from) {
        int a = s.indexOf("'s", from);
        int b = s.indexOf("’s", from);
        if (a < 0) return b;
        if (b < 0) return a;
        return Math.min(a, b);
    }

    private static List<Integer> spread(List<Integer> items, int max) {
        if (items.size() <= max) return items;
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < max; k++) out.add(items.get((int) ((long) k * items.size() / max)));
        return out;
    }

    private static List<StoryCharacter> withCharacter(StoryCharacter c, List<StoryCharacter> all) {
        List<StoryCharacter> out = new ArrayList<>(all);
        if (out.stream().noneMatch(x -> x.id().equals(c.id()))) out.add(c);
        return out;
    }
}
