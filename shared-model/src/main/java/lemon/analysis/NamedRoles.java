package lemon.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lemon.story.StoryCharacter;

/**
 * Roles of named characters from appositions: "Abdallah, her fellow-slave", "Morgiana, a clever
 * slave", "a slave named Morgiana", "Ali Baba the woodcutter", "her horse was called Falada", "a goat
 * whose name was Duchess". The most frequent one wins.
 */
final class NamedRoles {
    private NamedRoles() {}

    static Map<String, String> find(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, StoryCharacter> byId = new HashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention m : index.mentions(s)) {
                StoryCharacter c = byId.get(m.characterId());
                if (!m.explicit()
                        || c == null
                        || !Character.isUpperCase(c.name().charAt(0))
                        || c.name().contains("'s ")) continue;
                String role = after(ts, m.end());
                if (role == null) role = before(ts, m.start());
                if (role != null) {
                    counts.computeIfAbsent(c.id(), k -> new TreeMap<>()).merge(role, 1, Integer::sum);
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((id, roles) ->
                roles.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> out.put(id, e.getKey())));
        return out;
    }

    /** ", a clever slave" or " the woodcutter" right after the name. */
    private static String after(List<WordToken> ts, int end) {
        int k = end;
        if (k < ts.size() && ts.get(k).text().equals(",")) k++;
        if (k >= ts.size() || !Lexicon.DETERMINERS.contains(ts.get(k).lower())) return null;
        if (k == end && !ts.get(k).lower().equals("the")) return null;
        k++;
        while (k < ts.size() && Lexicon.ADJECTIVES.contains(ts.get(k).lower())) k++;
        if (k < ts.size()
                && ts.get(k).isWord()
                && !ts.get(k).capitalised()
                && isSomeone(ts.get(k).lower())
                && (k + 1 >= ts.size() || ts.get(k + 1).kind() != WordToken.Kind.POSSESSIVE)) {
            return ts.get(k).lower();
        }
        return null;
    }

    /** "a slave named", "a slave called" or "the slave" right before the name. */
    private static String before(List<WordToken> ts, int start) {
        if (start < 2) return null;
        WordToken prev = ts.get(start - 1);
        if (prev.isWord()
                && !prev.capitalised()
                && isSomeone(prev.lower())
                && Lexicon.DETERMINERS.contains(ts.get(start - 2).lower())) return prev.lower();
        String cue = prev.lower();
        int n = start - 2;
        // "her horse was called Falada", "a goat whose name was Duchess"
        if (cue.equals("called")
                && n >= 1
                && List.of("was", "is").contains(ts.get(n).lower())) n--;
        else if (List.of("was", "is").contains(cue)
                && n >= 2
                && ts.get(n).lower().equals("name")
                && ts.get(n - 1).lower().equals("whose")) n -= 2;
        else if (!cue.equals("named") && !cue.equals("called")) return null;
        if (n >= 1 && ts.get(n).text().equals(",")) n--; // "the goat, whose name was Duchess"
        // "an old man everyone called Paco", "a woman they called Mother"
        if (n >= 1 && cue.equals("called") && CALLERS.contains(ts.get(n).lower())) n--;
        WordToken noun = ts.get(n);
        return noun.isWord() && isSomeone(noun.lower()) ? noun.lower() : null;
    }

    /** Who may call someone by a name, between the noun and "called". */
    private static final java.util.Set<String> CALLERS =
            java.util.Set.of("everyone", "everybody", "they", "people", "we", "folk", "all");

    /** A person noun, or an animal a name may be given to. */
    private static boolean isSomeone(String lower) {
        return Lexicon.isPersonNoun(lower) || Lexicon.isAnimal(lower);
    }
}
