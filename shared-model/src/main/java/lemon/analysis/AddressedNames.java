package lemon.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lemon.story.StoryCharacter;

/**
 * "Rapunzel said to her: 'Tell me, Dame Gothel, how it happens …'": a name someone is called by in a speech the
 * narration says is made to them is theirs, so "old Dame Gothel" elsewhere is the enchantress. The name must be set off
 * by commas (or open the quote), be capitalised in every use (no common word: "Tell me, Mother," names no one), be no
 * one's name already, and be said to one character only.
 */
final class AddressedNames {
    private AddressedNames() {}

    static List<StoryCharacter> alias(MentionIndex index, List<StoryCharacter> cast, Map<String, Integer> lowerCounts) {
        Set<String> called = MentionIndex.calledBy(cast);
        Map<String, String> to = new HashMap<>(); // name → the id it is said to ("" when to two)
        Map<String, Integer> said = new HashMap<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            String id = index.namedAddresseeOf(s);
            if (id == null) continue;
            List<WordToken> ts = index.tokens().get(s);
            for (int i = 1; i < ts.size(); i++) {
                int end = vocativeEnd(ts, i, lowerCounts);
                if (end < 0) continue;
                String name = CharacterFinder.joinText(ts, i, end);
                if (called.contains(name.toLowerCase(java.util.Locale.ROOT))) continue;
                to.merge(name, id, (a, b) -> a.equals(b) ? a : "");
                said.putIfAbsent(name, s);
            }
        }
        List<StoryCharacter> out = new ArrayList<>(cast);
        for (Map.Entry<String, String> e : to.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            for (int k = 0; k < out.size(); k++) {
                StoryCharacter c = out.get(k);
                if (!c.id().equals(e.getValue()) || c.isGroup()) continue;
                List<String> aliases = new ArrayList<>(c.aliases());
                aliases.add(e.getKey());
                out.set(
                        k,
                        c.with(aliases, c.gender(), c.role(), c.mentions())
                                .withEvidence(
                                        "alias " + e.getKey(), index.sentences().get(said.get(e.getKey()))));
            }
        }
        return out;
    }

    /**
     * The end of a vocative name starting at i ("Tell me, Dame Gothel, how"): one to three capitalised quoted words
     * after a comma or the quote's opening, closed by a comma, "!" or "?"; -1 where there is none.
     */
    private static int vocativeEnd(List<WordToken> ts, int i, Map<String, Integer> lowerCounts) {
        WordToken before = ts.get(i - 1);
        if (!ts.get(i).quoted() || !(before.text().equals(",") || before.kind() == WordToken.Kind.QUOTE_OPEN))
            return -1;
        int end = i;
        while (end < ts.size()
                && end - i < 3
                && ts.get(end).isWord()
                && ts.get(end).capitalised()
                && ts.get(end).quoted()
                && !lowerCounts.containsKey(ts.get(end).lower())
                && !Lexicon.isPersonNoun(ts.get(end).lower())
                && !Lexicon.FIRST_PERSON.contains(ts.get(end).lower())) end++;
        // "Dame Gothel": a title may open the name
        if (end == i && Lexicon.isTitle(ts.get(i).lower())) {
            end = i + 1;
            while (end < ts.size()
                    && end - i < 3
                    && ts.get(end).isWord()
                    && ts.get(end).capitalised()
                    && !lowerCounts.containsKey(ts.get(end).lower())) end++;
            if (end == i + 1) return -1;
        }
        if (end == i || end >= ts.size()) return -1;
        return List.of(",", "!", "?").contains(ts.get(end).text()) ? end : -1;
    }
}
