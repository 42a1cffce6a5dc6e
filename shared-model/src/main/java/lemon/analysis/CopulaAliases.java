package lemon.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Merges a name into a role the story equates it with: "Cogia Hassan was the robber Captain"
 * makes Cogia Hassan an alias of the captain (or the other way round when the name is mentioned
 * more), and so do an introduction, "an old cobbler named Baba Mustapha", and an apposition, "Baba
 * Mustapha, the old cobbler,". Only "NAME was/is the ROLE", "a/an ROLE named/called NAME" and
 * "NAME, the ROLE," count, and two names given to her (or him) in one sentence ("which made her be called
 * Cinderwench; but the youngest called her Cinderella"); a role introduced under two names merges with neither, and relational roles ("the son of") never merge. Each merge keeps its sentence as evidence.
 */
final class CopulaAliases {
    private CopulaAliases() {}

    /**
     * Whether the role's mention is of another kind than another of its mentions: "the day nurse" and "the night nurse", a
     * word before the noun that no description is (an adjective, "old nurse" and "kind nurse", is one nurse).
     */
    private static boolean otherKind(MentionIndex index, String roleId, List<WordToken> ts, MentionIndex.Mention m) {
        String here = kindWord(ts, m);
        if (here == null) return false;
        for (int s = 0; s < index.sentences().size(); s++)
            for (MentionIndex.Mention other : index.mentions(s))
                if (other.explicit() && other.characterId().equals(roleId)) {
                    String there = kindWord(index.tokens().get(s), other);
                    if (there != null && !there.equals(here)) return true;
                }
        return false;
    }

    /** The word naming a kind of the mention's noun: "day" of "the day nurse"; null where there is none. */
    private static String kindWord(List<WordToken> ts, MentionIndex.Mention m) {
        if (m.end() - m.start() != 1 || m.start() < 2) return null;
        WordToken w = ts.get(m.start() - 1);
        String d = ts.get(m.start() - 2).lower();
        if (!w.isWord() || w.capitalised() || !List.of("the", "a", "an").contains(d)) return null;
        String word = w.lower();
        boolean describing = Lexicon.ADJECTIVES.contains(word)
                || Lexicon.DISTINGUISHING.contains(word)
                || StoryCues.isAdjective(word)
                || word.matches(".*(ful|ing|ed|ous|ish|less|ive|ic|al|ent|ant|ble|est|some)")
                || word.matches("\\w{4,}y"); // "the sleeping hare", "a boastful hare", "the grumpy man"
        return describing || Lexicon.isPersonNoun(word) ? null : word;
    }

    static List<StoryCharacter> merge(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        Map<String, String> pairs = new LinkedHashMap<>(); // name id → role id
        Map<String, Integer> said = new LinkedHashMap<>(); // name id → the sentence that says so
        Map<String, java.util.Set<String>> namesOfRole = new LinkedHashMap<>();
        java.util.Set<String> introduced = new java.util.HashSet<>(); // names given at the introduction keep their name
        // names given to an "it": the beast's, whose sex the story never gives (a "she" the name drew before it was
        // known for a dragon is Wren's)
        java.util.Set<String> calledIt = new java.util.HashSet<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            List<MentionIndex.Mention> ms = index.mentions(s).stream()
                    .filter(MentionIndex.Mention::explicit)
                    .toList();
            for (int k = 0; k + 1 < ms.size(); k++) {
                MentionIndex.Mention a = ms.get(k);
                MentionIndex.Mention b = ms.get(k + 1);
                StoryCharacter x = byId.get(a.characterId());
                StoryCharacter y = byId.get(b.characterId());
                if (x == null || y == null || x == y) continue;
                if (x.isGroup() || y.isGroup()) continue; // one person is never a whole group
                String between = ts.get(a.end()).lower();
                // "Cogia Hassan was the robber Captain"
                boolean copula = b.start() - a.end() == 2
                        && (between.equals("was") || between.equals("is"))
                        && ts.get(a.end() + 1).lower().equals("the");
                // "an old cobbler named Baba Mustapha": the role is introduced by its name
                // (or "a wonderful princess, called Briar Rose")
                int verb = between.equals(",") ? a.end() + 1 : a.end();
                boolean naming = b.start() - verb == 1
                        && Lexicon.NAMING_VERBS.contains(ts.get(verb).lower())
                        && introducedAt(ts, a.start());
                // "Baba Mustapha, the old cobbler, …": an apposition closed by a comma or the sentence's end; a name's
                // epithet, "Tomas the ferryman was a broad man"
                boolean apposition = (between.equals(",") && appositionAt(ts, a.end() + 1, b))
                        || (between.equals("the") && b.start() == a.end() + 1 && b.end() - b.start() == 1);
                // "the mayor, a fussy man named Corbel": the role's apposition gives its name
                boolean namedAfter = between.equals(",") && namedAppositionAt(ts, a.end() + 1, b.start());
                naming |= namedAfter;
                // "The stranger, whose name was Tomas Brandt, gave the coins": a name told late, kept as an alias
                boolean whoseName = b.start() - a.end() == 4 && StoryCues.nameToldIn(ts, b.start());
                // "Lady Ashworth's nephew, Julian, a pale young man": a role, then the name that says who it is
                // ("to the vicar, the Reverend Simon Okonkwo, who was judging": the article is the title's)
                boolean titledAfter = (b.start() == a.end() + 2 || b.start() == a.end() + 3)
                        && ts.get(a.end() + 1).lower().equals("the")
                        && Lexicon.isTitle(ts.get(a.end() + 2).lower());
                if (titledAfter && isProperName(y) && !isProperName(x)) apposition = false;
                boolean nameAfter = between.equals(",")
                        && (b.start() == a.end() + 1 || titledAfter)
                        && !apposition
                        && (b.end() >= ts.size()
                                || List.of(",", ";", ".", ":")
                                        .contains(ts.get(b.end()).text()));
                naming |= nameAfter;
                StoryCharacter named = copula || apposition ? x : naming || whoseName ? y : null;
                StoryCharacter role = copula || apposition ? y : naming || whoseName ? x : null;
                // "The night nurse comes on at ten … the day nurse, a thin young man called Pavel": another nurse
                MentionIndex.Mention roleMention = role == x ? a : b;
                if (role != null && otherKind(index, role.id(), ts, roleMention)) continue;
                // "My grandfather, Wei Zhang, opened the shop … Grandfather wiped his hands": a kin word the family
                // calls him by is a role, whose name the apposition gives
                if (named == null
                        || !isProperName(named)
                        || isProperName(role) && !CharacterFinder.kinWordName(role.name())
                        || (role.name().contains("'s ") && !nameAfter)) continue;
                namesOfRole
                        .computeIfAbsent(role.id(), r -> new java.util.TreeSet<>())
                        .add(named.id());
                if (pairs.putIfAbsent(named.id(), role.id()) == null) said.put(named.id(), s);
                if (naming) introduced.add(named.id());
            }
        }
        // "which made her commonly be called Cinderwench; but the youngest called her Cinderella": one sentence
        // giving her two names names one person (whoever the pronoun stands for)
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            List<String> given = new ArrayList<>();
            java.util.Set<String> pronouns = new java.util.HashSet<>();
            for (MentionIndex.Mention b : index.mentions(s)) {
                StoryCharacter y = byId.get(b.characterId());
                if (!b.explicit() || y == null || !isProperName(y) || y.isGroup()) continue;
                String pronoun = givenToPronoun(ts, b);
                if (pronoun == null || given.contains(y.id())) continue;
                given.add(y.id());
                pronouns.add(pronoun);
            }
            if (given.size() != 2 || pronouns.size() != 1) continue; // "called him Hans and her Greta": two people
            namesOfRole
                    .computeIfAbsent(given.get(0), r -> new java.util.TreeSet<>())
                    .add(given.get(1));
            if (pairs.putIfAbsent(given.get(1), given.get(0)) == null) said.put(given.get(1), s);
        }
        // "One spring a dragon came down from the peaks … The villagers called it Cinder": the name is the one beast
        // or machine the two sentences before tell of
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention b : index.mentions(s)) {
                StoryCharacter y = byId.get(b.characterId());
                if (!b.explicit() || y == null || !isProperName(y) || !Lexicon.namedAnIt(ts, b.start())) continue;
                java.util.Set<String> beasts = new java.util.LinkedHashSet<>();
                for (int p = Math.max(0, s - 2); p <= s; p++)
                    for (MentionIndex.Mention a : index.mentions(p)) {
                        StoryCharacter x = byId.get(a.characterId());
                        if (a.explicit() && x != null && x != y && !isProperName(x) && StoryCues.animal(x) != null)
                            beasts.add(x.id());
                    }
                if (beasts.size() != 1) continue;
                String beast = beasts.iterator().next();
                namesOfRole
                        .computeIfAbsent(beast, r -> new java.util.TreeSet<>())
                        .add(y.id());
                if (pairs.putIfAbsent(y.id(), beast) == null) said.put(y.id(), s);
                introduced.add(y.id());
                calledIt.add(y.id());
            }
        }
        // "The inspector came last. He was thin, and his name badge said Mr Pryce": the name is the role's whom the
        // possessive stands for ("Her name was Vivian Sharpe" gives the possessive to the name: NamedGenerics' case)
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention b : index.mentions(s)) {
                StoryCharacter y = byId.get(b.characterId());
                int owner = b.explicit() && y != null && isProperName(y) ? nameTold(ts, b.start()) : -1;
                if (owner < 0) continue;
                StoryCharacter x = index.mentions(s).stream()
                        .filter(a -> a.start() == owner && !a.explicit())
                        .map(a -> byId.get(a.characterId()))
                        .findFirst()
                        .orElse(null);
                if (x == null || x == y || isProperName(x) || x.isGroup() || y.isGroup()) continue;
                namesOfRole
                        .computeIfAbsent(x.id(), r -> new java.util.TreeSet<>())
                        .add(y.id());
                if (pairs.putIfAbsent(y.id(), x.id()) == null) said.put(y.id(), s);
            }
        }
        // a role introduced under two names ("a man named Hans", "a man named Peter") is two people
        pairs.entrySet().removeIf(p -> namesOfRole.get(p.getValue()).size() > 1);
        if (pairs.isEmpty()) return characters;
        for (Map.Entry<String, String> p : pairs.entrySet()) {
            StoryCharacter x = byId.get(p.getKey());
            StoryCharacter y = byId.get(p.getValue());
            if (x == null || y == null) continue;
            int mx = index.sentencesMentioning(x.id(), false).size();
            int my = index.sentencesMentioning(y.id(), false).size();
            // a tie goes to the name ("Mrs Okafor, the teacher," once each: she is Mrs Okafor, not a teacher)
            StoryCharacter winner = mx >= my || introduced.contains(x.id()) ? x : y;
            StoryCharacter loser = winner == x ? y : x;
            String evidence = index.sentences().get(said.get(p.getKey()));
            StoryCharacter merged = absorbed(winner, loser).withEvidence("alias " + loser.name(), evidence);
            if (calledIt.contains(p.getKey()))
                merged = merged.with(merged.aliases(), y.gender(), merged.role(), merged.mentions());
            byId.put(winner.id(), merged);
            byId.remove(loser.id());
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * One character from two: the winner's id and name, the loser's name and aliases as aliases, the
     * first known gender and role, the mentions of both.
     */
    static StoryCharacter absorbed(StoryCharacter winner, StoryCharacter loser) {
        TreeSet<String> aliases = new TreeSet<>(winner.aliases());
        aliases.add(loser.name());
        aliases.addAll(loser.aliases());
        aliases.remove(winner.name());
        StoryCharacter merged = winner.with(
                new ArrayList<>(aliases),
                winner.gender() != Gender.UNKNOWN ? winner.gender() : loser.gender(),
                winner.role().isEmpty() ? loser.role() : winner.role(),
                winner.mentions() + loser.mentions());
        for (Map.Entry<String, String> e : loser.evidence().entrySet())
            merged = merged.withEvidence(e.getKey(), e.getValue());
        return merged;
    }

    /**
     * "called her Cinderella", "made her commonly be called Cinderwench": the pronoun ("her" or "him") the name at b
     * is given to, or null.
     */
    private static String givenToPronoun(List<WordToken> ts, MentionIndex.Mention b) {
        int verb = b.start() - 1;
        if (verb > 0 && PRONOUNS.contains(ts.get(verb).lower()))
            return Lexicon.NAMING_VERBS.contains(ts.get(verb - 1).lower())
                    ? ts.get(verb).lower()
                    : null;
        if (verb < 0 || !Lexicon.NAMING_VERBS.contains(ts.get(verb).lower())) return null;
        for (int k = Math.max(0, verb - 4); k < verb; k++)
            if (PRONOUNS.contains(ts.get(k).lower())) return ts.get(k).lower();
        return null;
    }

    private static final List<String> PRONOUNS = List.of("her", "him");

    /**
     * "his name badge said Mr Pryce", "her name tag read": the index of the "his" or "her" whose name is told at
     * {@code name}, or −1. Not "his name was", which {@link MentionIndex} gives to the name itself.
     */
    static int nameTold(List<WordToken> ts, int name) {
        int verb = name - 1;
        if (verb < 3
                || verb >= ts.size()
                || !List.of("said", "read", "says", "reads")
                        .contains(ts.get(verb).lower())) return -1;
        int k = verb - 1;
        if (List.of("badge", "tag", "card", "plate").contains(ts.get(k).lower())) k--;
        if (!ts.get(k).lower().equals("name") || ts.get(k - 1).quoted()) return -1;
        return List.of("his", "her").contains(ts.get(k - 1).lower()) ? k - 1 : -1;
    }

    /** ", a fussy man named Corbel": an article, describing words, a person noun and a naming verb up to the name. */
    private static boolean namedAppositionAt(List<WordToken> ts, int k, int name) {
        if (name - k < 3 || !List.of("a", "an").contains(ts.get(k).lower())) return false;
        if (!Lexicon.NAMING_VERBS.contains(ts.get(name - 1).lower())) return false;
        String noun = ts.get(name - 2).lower();
        if (!Lexicon.isPersonNoun(noun)) return false;
        for (int i = k + 1; i < name - 2; i++)
            if (!ts.get(i).isWord() || Lexicon.isPersonNoun(ts.get(i).lower())) return false;
        return name - 2 - (k + 1) <= 3;
    }

    /**
     * At k: "the"/"a"/"an", adjectives (and a word saying which kind just before the mention: "HUGO, the maintenance
     * robot,"), then the mention m, then a comma, a semicolon or the end (not "and").
     */
    private static boolean appositionAt(List<WordToken> ts, int k, MentionIndex.Mention m) {
        if (k >= ts.size() || !List.of("the", "a", "an").contains(ts.get(k).lower())) return false;
        for (int j = k + 1; j < m.start(); j++) {
            WordToken t = ts.get(j);
            boolean kind = j == m.start() - 1 && t.kind() == WordToken.Kind.WORD;
            if (!Lexicon.ADJECTIVES.contains(t.lower()) && !kind) return false;
        }
        if (m.end() >= ts.size()) return true;
        String next = ts.get(m.end()).text();
        return next.equals(",") || next.equals(";") || next.equals(".") || next.equals("!") || next.equals("?");
    }

    /** "a"/"an" before the mention at start, past its adjectives ("an old cobbler"). */
    private static boolean introducedAt(List<WordToken> ts, int start) {
        int j = start - 1;
        // "a patient old tortoise called Marrow": describing words the lexicon may not know, a few at most
        while (j >= 0
                && ts.get(j).isWord()
                && !ts.get(j).capitalised()
                && !Lexicon.DETERMINERS.contains(ts.get(j).lower())
                && (Lexicon.ADJECTIVES.contains(ts.get(j).lower()) || start - j <= 3)) j--;
        return j >= 0 && (ts.get(j).lower().equals("a") || ts.get(j).lower().equals("an"));
    }

    /** Capitalised and not "someone's …": a name, not a role or a relation. */
    static boolean isProperName(StoryCharacter c) {
        return Character.isUpperCase(c.name().charAt(0)) && !c.name().contains("'s ");
    }
}
