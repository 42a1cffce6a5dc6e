package lemon.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lemon.story.StoryCharacter;

/**
 * "At midnight a boy knocked on the door. … The boy said his name was Tariq": the plain noun the story brought someone
 * in with, before it gave the name, is that named one's alias, so "a boy knocked", "he was about ten" and "he carried
 * a cardboard suitcase" are Tariq's. The name must be told of the noun itself ("the boy's name was", "the boy said his
 * name was", or "His name was" right after a sentence that brings in "a boy"); a noun named twice or brought in twice
 * ("a boy … a boy"), or one some character is already called, is left alone; so are "man" and "woman", which a story
 * brings in too often.
 */
final class NamedGenerics {
    private NamedGenerics() {}

    // not "man" or "woman": a story brings in many, and "a young woman called Dana" would be the first one named
    private static final Set<String> HIS = Set.of("boy", "youth", "lad", "stranger");
    private static final Set<String> HER = Set.of("girl", "lass", "maiden", "stranger");

    static List<StoryCharacter> alias(MentionIndex index, List<StoryCharacter> cast) {
        Set<String> called = MentionIndex.calledBy(cast);
        Map<String, String> named = new HashMap<>(); // noun → the id of the one it names ("" when two)
        Map<String, Integer> said = new HashMap<>();
        List<List<WordToken>> tokens = index.tokens();
        for (int s = 0; s < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            for (int i = 1; i + 2 < ts.size(); i++) {
                if (!Lexicon.nameToldBefore(ts, i + 2)) continue;
                String id = nameAt(index, s, i + 2);
                String noun = id == null ? null : nounOf(tokens, s, i);
                if (noun == null || called.contains(noun)) continue;
                named.merge(noun, id, (a, b) -> a.equals(b) ? a : "");
                said.putIfAbsent(noun, s);
            }
        }
        List<StoryCharacter> out = new ArrayList<>(cast);
        // "One autumn a young doctor came to the village. Her name was Ngozi Okafor": a role the cast has as a
        // character of its own, brought in right before, is the named one
        for (int s = 1; s < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            if (ts.size() < 4 || !Lexicon.nameToldBefore(ts, 3) || ts.get(0).quoted()) continue;
            String id = nameAt(index, s, 3);
            String pronoun = ts.get(0).lower();
            if (id == null || !pronoun.equals("his") && !pronoun.equals("her")) continue;
            StoryCharacter role = roleBroughtIn(tokens.get(s - 1), out, pronoun);
            StoryCharacter name =
                    out.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
            if (role == null || name == null || role == name) continue;
            out.set(
                    out.indexOf(name),
                    CopulaAliases.absorbed(name, role)
                            .withEvidence(
                                    "alias " + role.name(), index.sentences().get(s)));
            out.remove(role);
        }
        // "Everyone called him the Chief": a title the story's people call someone by is that one's
        for (int s = 0; s < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            for (int i = 1; i + 2 < ts.size(); i++) {
                if (!Lexicon.NAMING_VERBS.contains(ts.get(i - 1).lower())
                        || !List.of("him", "her").contains(ts.get(i).lower())
                        || !ts.get(i + 1).lower().equals("the")
                        || !ts.get(i + 2).capitalised()
                        || !ts.get(i + 2).isWord()
                        || ts.get(i + 2).quoted()) continue;
                final int at = i;
                String id = index.mentions(s).stream()
                        .filter(m -> m.start() == at && !m.explicit())
                        .map(MentionIndex.Mention::characterId)
                        .findFirst()
                        .orElse(null);
                String title = ts.get(i + 2).text();
                boolean taken = out.stream()
                        .anyMatch(c -> c.name().equalsIgnoreCase(title)
                                || c.aliases().stream().anyMatch(title::equalsIgnoreCase));
                for (int k = 0; k < out.size() && id != null && !taken; k++)
                    if (out.get(k).id().equals(id))
                        out.set(
                                k,
                                withAlias(out.get(k), title, index.sentences().get(s)));
            }
        }
        for (Map.Entry<String, String> e : named.entrySet()) {
            // "a boy knocked … a boy ran in": a second one brought in is someone else, whom the alias would take
            if (e.getValue().isEmpty() || broughtIn(tokens, e.getKey()) > 1) continue;
            for (int k = 0; k < out.size(); k++)
                if (out.get(k).id().equals(e.getValue()))
                    out.set(
                            k,
                            withAlias(out.get(k), e.getKey(), index.sentences().get(said.get(e.getKey()))));
        }
        // "brought their son Oliver through the snow. The boy had a fever": the story's one named son is "the boy" of
        // a story that brings in no boy of its own (likewise a daughter and "the girl")
        for (String[] child : new String[][] {{"boy", "son"}, {"girl", "daughter"}}) {
            if (called.contains(child[0]) || named.containsKey(child[0]) || broughtIn(tokens, child[0]) > 0) continue;
            List<StoryCharacter> named1 = out.stream()
                    .filter(c -> CopulaAliases.isProperName(c) && c.role().equals(child[1]))
                    .toList();
            Integer first = firstSaid(tokens, child[0]);
            if (named1.size() != 1 || first == null) continue;
            StoryCharacter c = named1.get(0);
            out.set(out.indexOf(c), withAlias(c, child[0], index.sentences().get(first)));
        }
        return out;
    }

    /**
     * The cast's role character the sentence brings in with "a" (and describing words: "a young doctor"), of no sex
     * its noun denies the pronoun; null when none or several.
     */
    private static StoryCharacter roleBroughtIn(List<WordToken> ts, List<StoryCharacter> cast, String pronoun) {
        lemon.story.Gender sex = pronoun.equals("his") ? lemon.story.Gender.MALE : lemon.story.Gender.FEMALE;
        StoryCharacter found = null;
        for (int k = 1; k < ts.size(); k++) {
            if (ts.get(k).quoted() || !ts.get(k).isWord()) continue;
            String noun = ts.get(k).lower();
            int d = k - 1;
            while (d > 0 && Lexicon.ADJECTIVES.contains(ts.get(d).lower())) d--;
            if (!A_OR_AN.contains(ts.get(d).lower())) continue;
            lemon.story.Gender own = Lexicon.genderOf(noun);
            if (own != lemon.story.Gender.UNKNOWN && own != sex) continue;
            for (StoryCharacter c : cast)
                if (!c.isGroup() && !CopulaAliases.isProperName(c) && c.name().equalsIgnoreCase(noun)) {
                    if (found != null && found != c) return null;
                    found = c;
                }
        }
        return found;
    }

    /** The character with the noun as one more alias, and the sentence that says so as its evidence. */
    private static StoryCharacter withAlias(StoryCharacter c, String noun, String sentence) {
        List<String> aliases = new ArrayList<>(c.aliases());
        aliases.add(noun);
        return c.with(aliases, c.gender(), c.role(), c.mentions()).withEvidence("alias " + noun, sentence);
    }

    private static final Set<String> A_OR_AN = Set.of("a", "an");

    /** Whether the narration's token k is the noun right after one of these determiners. */
    private static boolean saidAfter(List<WordToken> ts, int k, String noun, Set<String> determiners) {
        return k >= 1
                && ts.get(k).lower().equals(noun)
                && !ts.get(k).quoted()
                && determiners.contains(ts.get(k - 1).lower());
    }

    /** The first sentence of the narration saying "the" noun, or null. */
    private static Integer firstSaid(List<List<WordToken>> tokens, String noun) {
        for (int s = 0; s < tokens.size(); s++)
            for (int k = 1; k < tokens.get(s).size(); k++)
                if (saidAfter(tokens.get(s), k, noun, Set.of("the"))) return s;
        return null;
    }

    /** How often the narration brings in "a" noun. */
    private static int broughtIn(List<List<WordToken>> tokens, String noun) {
        int n = 0;
        for (List<WordToken> ts : tokens) for (int k = 1; k < ts.size(); k++) if (saidAfter(ts, k, noun, A_OR_AN)) n++;
        return n;
    }

    /** The character a name at token i of sentence s is a mention of, or null. */
    private static String nameAt(MentionIndex index, int s, int i) {
        for (MentionIndex.Mention m : index.mentions(s))
            if (m.start() == i && m.explicit() && index.tokens().get(s).get(i).capitalised()) return m.characterId();
        return null;
    }

    /**
     * The plain noun whose name "name" at i tells: "the boy's name", "the boy said his name" (the noun ahead in the
     * sentence), "His name was" (the noun the sentence before brought in with "a"); null when none fits its sex.
     */
    private static String nounOf(List<List<WordToken>> tokens, int s, int i) {
        List<WordToken> ts = tokens.get(s);
        WordToken owner = ts.get(i - 1);
        if (owner.kind() == WordToken.Kind.POSSESSIVE && i >= 2) {
            String noun = ts.get(i - 2).lower();
            return HIS.contains(noun) || HER.contains(noun) ? noun : null;
        }
        String pronoun = owner.lower();
        if (!pronoun.equals("his") && !pronoun.equals("her")) return null;
        Set<String> fits = pronoun.equals("his") ? HIS : HER;
        for (int k = i - 2; k >= 1; k--)
            if (fits.contains(ts.get(k).lower())
                    && StoryCues.A_OR_THE.contains(ts.get(k - 1).lower()))
                return ts.get(k).lower();
        if (i - 1 != 0 || s == 0) return null; // "His name was …" opens the sentence
        // the sentence before brings the noun in ("a boy knocked"), or one a few before it does and "the girl" has
        // gone on about it since: "It was a girl in a yellow raincoat … The girl dropped the sack … Her name was Zoë"
        // ("a girl of about nine was feeding apples … 'Please don't tell,' she said. Her name was Mira": a sentence
        // whose narration is only her "she" goes on about the girl too)
        String since = null;
        boolean carried = true;
        for (int back = 1; back <= NAMED_WITHIN && s - back >= 0; back++) {
            List<WordToken> before = tokens.get(s - back);
            String brought = null, said = null;
            for (int k = 1; k < before.size(); k++) {
                String w = before.get(k).lower(), det = before.get(k - 1).lower();
                if (!fits.contains(w) || before.get(k).quoted()) continue;
                if (A_OR_AN.contains(det)) brought = w;
                else if (det.equals("the")) said = w;
            }
            if (brought != null)
                return back == 1 || brought.equals(since) || (since == null && carried) ? brought : null;
            if (said == null) carried &= onlyThePronoun(before, pronoun.equals("his") ? "he" : "she");
            if (said != null) {
                if (since != null && !since.equals(said)) return null;
                since = said;
            }
        }
        return null;
    }

    /** Whether a sentence's narration is its speaker's pronoun alone: "'Please don't tell,' she said." */
    private static boolean onlyThePronoun(List<WordToken> ts, String pronoun) {
        List<WordToken> told =
                ts.stream().filter(t -> !t.quoted() && t.isWord()).toList();
        return !told.isEmpty()
                && told.size() <= 3
                && told.stream().anyMatch(t -> t.lower().equals(pronoun))
                && told.stream().noneMatch(t -> t.capitalised() && !t.lower().equals(pronoun));
    }

    /** How many sentences back "Her name was" may reach for the girl it names, when "the girl" is said between. */
    private static final int NAMED_WITHIN = 5;
}
