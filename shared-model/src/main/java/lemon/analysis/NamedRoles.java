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
                && (isSomeone(ts.get(k).lower()) || tradeAlone(ts, k))
                && !StoryCues.giantOfAMan(ts, k) // "Brannoch, a giant of a man": a big man
                && (k + 1 >= ts.size() || ts.get(k + 1).kind() != WordToken.Kind.POSSESSIVE)) {
            return ts.get(k).lower();
        }
        return null;
    }

    /** "a slave named", "a slave called" or "the slave" right before the name. */
    private static String before(List<WordToken> ts, int start) {
        if (start < 2) return null;
        WordToken prev = ts.get(start - 1);
        // "Maureen took the mouse home in her handbag and named it Bartholomew": the beast of the sentence
        if (prev.lower().equals("it")
                && Lexicon.NAMING_VERBS.contains(ts.get(start - 2).lower()))
            for (int k = start - 3; k >= 0; k--)
                if (ts.get(k).isWord()
                        && !ts.get(k).capitalised()
                        && Lexicon.animalOf(ts.get(k).lower()) != null)
                    return ts.get(k).lower();
        if (prev.isWord()
                && !prev.capitalised()
                && isSomeone(prev.lower())
                && Lexicon.DETERMINERS.contains(ts.get(start - 2).lower())) return prev.lower();
        // "a quiet engineer from Osaka, Kenji Mori": an apposition before the name (where they come from may follow
        // its noun)
        // (not in speech, where "He is an honest man, Morgiana" calls her by name)
        if (prev.text().equals(",") && !ts.get(start).quoted()) {
            int k = start - 2;
            if (k >= 2
                    && ts.get(k).capitalised()
                    && List.of("from", "of").contains(ts.get(k - 1).lower())) k -= 2;
            String w = ts.get(k).lower();
            int d = k - 1;
            while (d > 0
                    && k - d <= 3
                    && ts.get(d).isWord()
                    && !List.of("a", "an").contains(ts.get(d).lower())) d--;
            if (ts.get(k).isWord()
                    && !ts.get(k).capitalised()
                    && (isSomeone(w) || Lexicon.shapedLikeTrade(w))
                    && d >= 0
                    && List.of("a", "an").contains(ts.get(d).lower())
                    // ("After a long dinner, Kenji slept": a place or time, no apposition)
                    && (d == 0 || !GOVERNING.contains(ts.get(d - 1).lower()))) return w;
        }
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
        if (cue.equals("called")) n = beforeCaller(ts, n);
        if (n < 0) return null;
        WordToken noun = ts.get(n);
        if (noun.isWord() && isSomeone(noun.lower())) return noun.lower();
        // "The ship's robot, a spindly silver machine the crew called Dot": the apposition's head is what it is
        int det = n;
        while (det > 0
                && n - det < 5
                && ts.get(det).isWord()
                && !List.of("a", "an").contains(ts.get(det).lower())) det--;
        if (det >= 2
                && List.of("a", "an").contains(ts.get(det).lower())
                && ts.get(det - 1).text().equals(",")
                && ts.get(det - 2).isWord()
                && isSomeone(ts.get(det - 2).lower())) return ts.get(det - 2).lower();
        return null;
    }

    /** Prepositions whose object a phrase before a comma may be, rather than an apposition to the name after it. */
    private static final java.util.Set<String> GOVERNING = java.util.Set.of(
            "in", "on", "at", "by", "near", "beside", "under", "after", "before", "with", "from", "of", "for", "to",
            "into", "behind", "above", "below", "inside", "outside", "across", "through", "during", "like");

    /** Who may call someone by a name, between the noun and "called". */
    private static final java.util.Set<String> CALLERS =
            java.util.Set.of("everyone", "everybody", "they", "people", "we", "folk", "all");

    /** Bodies of people that call someone by a name as one: "the crew called Dot", "the village called him Big Dave". */
    private static final java.util.Set<String> BODIES = java.util.Set.of(
            "crew", "family", "village", "town", "team", "class", "staff", "court", "army", "household", "school");

    /**
     * Where the phrase of who calls ends, looking back from {@code n} just before "called": "an old man everyone
     * called Paco", "a spindly silver machine the crew called Dot", "a boy the villagers called Pip" (not "the man
     * called Horse", who is the one so called); {@code n} itself when no caller stands there.
     */
    static int beforeCaller(List<WordToken> ts, int n) {
        if (n < 0) return n;
        String w = ts.get(n).lower();
        if (CALLERS.contains(w)) return n - 1;
        boolean body = BODIES.contains(w) || (Lexicon.isPersonPlural(w) && !Lexicon.isPersonNoun(w));
        if (!body) return n;
        // "the crew", "The village children"
        int the = n >= 1 && ts.get(n - 1).lower().equals("the")
                ? n - 1
                : n >= 2
                                && ts.get(n - 2).lower().equals("the")
                                && ts.get(n - 1).isWord()
                                && !ts.get(n - 1).capitalised()
                        ? n - 2
                        : -1;
        if (the == 0) return -1; // "The village children called Peggy and Alfie the Cockney kids": no one before
        if (the > 0
                && ts.get(the - 1).isWord()
                && !Lexicon.DETERMINERS.contains(ts.get(the - 1).lower())) return the - 1;
        return n;
    }

    /** "Jaan Saar, the clockmaker on Pikk Street": a word shaped like a trade, the phrase's last before a preposition. */
    private static boolean tradeAlone(List<WordToken> ts, int k) {
        return Lexicon.shapedLikeTrade(ts.get(k).lower())
                && (k + 1 >= ts.size()
                        || !ts.get(k + 1).isWord()
                        || List.of("on", "in", "of", "by", "at", "from")
                                .contains(ts.get(k + 1).lower()));
    }

    /** A person noun, or an animal a name may be given to. */
    private static boolean isSomeone(String lower) {
        return Lexicon.isPersonNoun(lower) || Lexicon.isAnimal(lower);
    }
}
