package lemon.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lemon.story.StoryCharacter;

/**
 * Links a character the story singles out of a group to that group: "the eldest son" to "the three
 * sons", "the captain of the robbers" to "the forty thieves". Only a distinguishing word ("eldest",
 * "second") or "of the …" links; a plain "the old woman" is no member of "the women". A pair of
 * names the story keeps joining ("Hansel and Grettel", at least twice) are the members of its one
 * pair named by kinship ("the two children").
 */
final class GroupMembers {
    private GroupMembers() {}

    /** A pair of names must be joined by "and" this often to be taken for a pair group's members. */
    static final int PAIR_MENTIONS = 2;

    static List<StoryCharacter> link(MentionIndex index, List<StoryCharacter> characters) {
        List<StoryCharacter> linked = linkNamed(index, linkBare(index, linkOneOf(index, linkByNoun(characters))));
        return siblingOfThePair(linkPair(index, linked));
    }

    /** "the Baxter twins, Rob and Ruth": the names listed right after the group, parted by commas and "and". */
    private static List<String> apposed(
            List<WordToken> ts,
            List<MentionIndex.Mention> ms,
            MentionIndex.Mention g,
            Map<String, StoryCharacter> byId) {
        if (g.end() >= ts.size() || !ts.get(g.end()).text().equals(",")) return List.of();
        List<String> named = new ArrayList<>();
        listed(ts, ms, g.end(), ts.size(), byId, named);
        return named;
    }

    /** "Nell and Ned Ashcombe were twins": the names listed before "were" and the group, from the sentence's start. */
    private static List<String> saidToBe(
            List<WordToken> ts,
            List<MentionIndex.Mention> ms,
            MentionIndex.Mention g,
            Map<String, StoryCharacter> byId) {
        int k = g.start() - 1;
        if (k >= 0 && ts.get(k).lower().equals("the")) k--;
        if (k < 0 || !List.of("were", "are").contains(ts.get(k).lower())) return List.of();
        List<String> named = new ArrayList<>();
        return listed(ts, ms, 0, k, byId, named) == k ? named : List.of();
    }

    /**
     * Adds to {@code named} the proper names listed from token {@code at} on, parted by commas and "and", up to
     * {@code before}; returns where the list stops.
     */
    private static int listed(
            List<WordToken> ts,
            List<MentionIndex.Mention> ms,
            int at,
            int before,
            Map<String, StoryCharacter> byId,
            List<String> named) {
        for (MentionIndex.Mention m : ms) {
            if (m.start() < at) continue;
            if (m.start() >= before) break;
            int k = at;
            while (k < m.start()
                    && (ts.get(k).text().equals(",") || ts.get(k).lower().equals("and"))) k++;
            StoryCharacter c = byId.get(m.characterId());
            if (k != m.start() || !m.explicit() || c == null || !CopulaAliases.isProperName(c)) break;
            named.add(c.id());
            at = m.end();
        }
        return at;
    }

    /**
     * "two children, the eldest of which, a daughter, was named Morning, and the youngest … they called Day":
     * as many names as the group counts, each given by a naming verb after the group in one sentence, are
     * its members. Fewer or more names say nothing about who is in it.
     */
    private static List<StoryCharacter> linkNamed(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, StoryCharacter> byId = new HashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        Map<String, String> memberOf = new HashMap<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            List<MentionIndex.Mention> ms = index.mentions(s);
            for (MentionIndex.Mention g : ms) {
                StoryCharacter group = byId.get(g.characterId());
                if (!g.explicit() || group == null || !group.isGroup() || group.members() == null) continue;
                List<String> named = new ArrayList<>();
                for (MentionIndex.Mention m : ms) {
                    StoryCharacter c = byId.get(m.characterId());
                    if (!m.explicit() || m.start() <= g.end() || c == null || !CopulaAliases.isProperName(c)) continue;
                    boolean given = m.start() > 0
                            && Lexicon.NAMING_VERBS.contains(
                                    ts.get(m.start() - 1).lower());
                    if (given && !named.contains(c.id())) named.add(c.id());
                }
                if (named.size() != group.members()) named = apposed(ts, ms, g, byId);
                if (named.size() != group.members()) named = saidToBe(ts, ms, g, byId);
                if (named.size() == group.members() && named.size() >= 2)
                    for (String id : named) memberOf.putIfAbsent(id, group.id());
            }
        }
        if (memberOf.isEmpty()) return characters;
        List<StoryCharacter> out = new ArrayList<>();
        for (StoryCharacter c : characters)
            out.add(memberOf.containsKey(c.id()) && c.memberOf() == null ? c.memberOf(memberOf.get(c.id())) : c);
        return out;
    }

    /**
     * "One of the thieves started up": where the story singles someone out of a group so, the
     * character it then calls by the group's noun ("the thief") is that member, when one group has
     * the noun. Without such a sentence "the old woman" is no member of "the women".
     */
    private static List<StoryCharacter> linkOneOf(MentionIndex index, List<StoryCharacter> characters) {
        java.util.Set<String> singledOut = new java.util.HashSet<>();
        for (List<WordToken> ts : index.tokens())
            for (int i = 0; i + 3 < ts.size(); i++)
                if (ts.get(i).lower().equals("one")
                        && ts.get(i + 1).lower().equals("of")
                        && ts.get(i + 2).lower().equals("the")) {
                    String noun = Lexicon.singularOfPlural(ts.get(i + 3).lower());
                    if (noun != null) singledOut.add(GroupPhrase.fold(noun));
                }
        if (singledOut.isEmpty()) return characters;
        Map<String, List<String>> groupsByNoun = groupsByNoun(characters);
        List<StoryCharacter> out = new ArrayList<>();
        for (StoryCharacter c : characters) {
            String noun = GroupPhrase.fold(MentionIndex.stripArticle(c.name()).toLowerCase(Locale.ROOT));
            List<String> groups = groupsByNoun.getOrDefault(noun, List.of());
            boolean member = !c.isGroup() && c.memberOf() == null && singledOut.contains(noun) && groups.size() == 1;
            out.add(member ? c.memberOf(groups.get(0)) : c);
        }
        return out;
    }

    /** Kin nouns that, standing alone, name one of a sibling pair by gender. */
    private static final Map<String, lemon.story.Gender> SIBLING =
            Map.of("sister", lemon.story.Gender.FEMALE, "brother", lemon.story.Gender.MALE);

    /**
     * In a tale about one pair of children, a boy and a girl ("Hansel and Grettel"), "the sister" or
     * "his little sister" is the girl and "the brother" the boy: merged into that member, with the rule
     * as evidence. Two sisters (Snow-White and Rose-Red) leave "her sister" apart: it could be either.
     */
    private static List<StoryCharacter> siblingOfThePair(List<StoryCharacter> characters) {
        StoryCharacter pair = onePair(characters);
        if (pair == null) return characters;
        List<StoryCharacter> members =
                characters.stream().filter(c -> pair.id().equals(c.memberOf())).toList();
        if (members.size() != 2
                || members.stream().anyMatch(m -> m.gender() == lemon.story.Gender.UNKNOWN)
                || members.get(0).gender() == members.get(1).gender()) return characters;
        List<StoryCharacter> out = new ArrayList<>(characters);
        for (StoryCharacter role : characters) {
            String[] w = MentionIndex.stripArticle(role.name())
                    .toLowerCase(Locale.ROOT)
                    .split(" ");
            lemon.story.Gender g = SIBLING.get(w[w.length - 1]);
            if (g == null || role.isGroup() || role.memberOf() != null || CopulaAliases.isProperName(role)) continue;
            boolean bare = true; // "little sister", not "the king's sister"
            for (int k = 0; k < w.length - 1; k++) bare &= Lexicon.ADJECTIVES.contains(w[k]);
            StoryCharacter member =
                    members.stream().filter(m -> m.gender() == g).findFirst().orElseThrow();
            if (!bare || (role.gender() != g && role.gender() != lemon.story.Gender.UNKNOWN)) continue;
            int at = out.indexOf(member);
            out.set(
                    at,
                    CopulaAliases.absorbed(out.get(at), role)
                            .withEvidence(
                                    "alias " + role.name(),
                                    "the story's one pair of children is a boy and a girl: the " + w[w.length - 1]
                                            + " is " + member.name() + " (rule)"));
            members = members.stream().map(m -> m == member ? out.get(at) : m).toList();
            out.remove(role);
        }
        return out;
    }

    /** Superlatives that single one member out of a family by themselves ("the eldest", "the youngest"). */
    static final java.util.Set<String> BARE = java.util.Set.of("eldest", "youngest", "elder", "younger", "oldest");

    /** The heads of family groups a bare superlative can single a member out of. */
    private static final java.util.Set<String> FAMILY =
            java.util.Set.of("sister", "brother", "son", "daughter", "child");

    /**
     * "the eldest" alone is a member of the story's one family group ("her two sisters") where that group
     * is in the same sentence or the two before, at least {@link #BARE_MENTIONS} times; otherwise it says
     * nobody the reader can tell ("The youngest gave her for gift", of the fairies), and is left out.
     * A member takes its family's gender when nothing else gave it one.
     */
    private static List<StoryCharacter> linkBare(MentionIndex index, List<StoryCharacter> characters) {
        List<StoryCharacter> families = characters.stream()
                .filter(g -> g.isGroup() && nouns(g).stream().anyMatch(FAMILY::contains))
                .toList();
        // the sentences naming the story's one family and the two after each: where a member is set apart beside it
        StoryCharacter family = families.size() == 1 ? families.get(0) : null;
        java.util.Set<Integer> near = new java.util.HashSet<>();
        if (family != null)
            for (int s : index.sentencesMentioning(family.id(), false)) for (int k = 0; k <= 2; k++) near.add(s + k);
        List<StoryCharacter> out = new ArrayList<>();
        for (StoryCharacter c : characters) {
            boolean bare = !c.isGroup()
                    && BARE.contains(MentionIndex.stripArticle(c.name()).toLowerCase(Locale.ROOT));
            java.util.function.LongSupplier beside = () -> index.sentencesMentioning(c.id(), false).stream()
                    .filter(near::contains)
                    .count();
            // "a widow and her three sons. The eldest, Karim, …": a name the story gives its eldest is that member's
            boolean namedMember = !bare
                    && !c.isGroup()
                    && c.memberOf() == null
                    && BARE.contains(c.role().toLowerCase(Locale.ROOT))
                    && family != null
                    && beside.getAsLong() >= 1;
            if (namedMember) {
                out.add(c.memberOf(family.id()));
                continue;
            }
            if (!bare) {
                out.add(c);
                continue;
            }
            // set apart once, it must go on acting ("The eldest went first into the room … But her great toe …")
            long times = beside.getAsLong();
            if (family == null
                    || c.memberOf() != null
                    || times < BARE_MENTIONS && !(times == 1 && goesOn(index, c.id()))) continue;
            lemon.story.Gender g = c.gender() == lemon.story.Gender.UNKNOWN ? family.gender() : c.gender();
            out.add(c.with(c.aliases(), g, c.role(), c.mentions()).memberOf(family.id()));
        }
        return out;
    }

    /** Sentences after a member's one mention in which the story may go on with it ("her", "she"). */
    private static final int GOES_ON_SENTENCES = 3;

    /**
     * Whether a character named once is taken up again by a pronoun of its own within the next
     * {@value #GOES_ON_SENTENCES} sentences: the story goes on with it.
     */
    static boolean goesOn(MentionIndex index, String id) {
        List<Integer> said = index.sentencesMentioning(id, false);
        if (said.size() != 1) return false;
        int at = said.get(0);
        return index.sentencesMentioning(id, true).stream().anyMatch(s -> s > at && s <= at + GOES_ON_SENTENCES);
    }

    /** Times a bare member must be set apart beside its family. */
    static final int BARE_MENTIONS = 2;

    /** The story's one pair named by kinship ("the two children"), or null when it has none or several. */
    private static StoryCharacter onePair(List<StoryCharacter> characters) {
        List<StoryCharacter> pairs = characters.stream()
                .filter(c -> c.isGroup() && c.members() == 2 && GroupAliases.PLAIN.contains(GroupAliases.head(c)))
                .toList();
        return pairs.size() == 1 ? pairs.get(0) : null;
    }

    private static List<StoryCharacter> linkPair(MentionIndex index, List<StoryCharacter> characters) {
        StoryCharacter group = onePair(characters);
        if (group == null) return characters;
        Map<String, StoryCharacter> byId = new HashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        Map<String, Integer> joined = new java.util.TreeMap<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<MentionIndex.Mention> ms = index.mentions(s);
            List<WordToken> ts = index.tokens().get(s);
            for (int k = 0; k + 1 < ms.size(); k++) {
                MentionIndex.Mention a = ms.get(k), b = ms.get(k + 1);
                if (!a.explicit() || !b.explicit() || b.start() != a.end() + 1) continue;
                if (!ts.get(a.end()).lower().equals("and") || a.characterId().equals(b.characterId())) continue;
                StoryCharacter x = byId.get(a.characterId()), y = byId.get(b.characterId());
                if (x == null || y == null || !CopulaAliases.isProperName(x) || !CopulaAliases.isProperName(y))
                    continue;
                if (!fits(x, group) || !fits(y, group)) continue;
                String key = x.id().compareTo(y.id()) < 0 ? x.id() + "|" + y.id() : y.id() + "|" + x.id();
                joined.merge(key, 1, Integer::sum);
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> e : joined.entrySet())
            if (e.getValue() >= PAIR_MENTIONS && (best == null || e.getValue() > joined.get(best))) best = e.getKey();
        if (best == null) return characters;
        List<String> members = List.of(best.split("\\|"));
        List<StoryCharacter> out = new ArrayList<>();
        for (StoryCharacter c : characters)
            out.add(members.contains(c.id()) && c.memberOf() == null ? c.memberOf(group.id()) : c);
        return out;
    }

    /** A member's gender does not contradict the group's ("the sisters" take no man). */
    private static boolean fits(StoryCharacter member, StoryCharacter group) {
        return group.gender() == lemon.story.Gender.UNKNOWN
                || member.gender() == lemon.story.Gender.UNKNOWN
                || member.gender() == group.gender();
    }

    private static List<StoryCharacter> linkByNoun(List<StoryCharacter> characters) {
        Map<String, List<String>> groupsByNoun = groupsByNoun(characters);
        if (groupsByNoun.isEmpty()) return characters;
        List<StoryCharacter> out = new ArrayList<>();
        for (StoryCharacter c : characters) {
            String group = c.isGroup() || c.memberOf() != null ? null : groupOf(c, groupsByNoun);
            out.add(group == null ? c : c.memberOf(group));
        }
        return out;
    }

    /** Each group's head nouns, singular and folded ("thieves" → "thief"), → the groups that have it, in cast order. */
    private static Map<String, List<String>> groupsByNoun(List<StoryCharacter> characters) {
        Map<String, List<String>> out = new HashMap<>();
        for (StoryCharacter g : characters)
            if (g.isGroup())
                for (String noun : nouns(g))
                    out.computeIfAbsent(noun, k -> new ArrayList<>()).add(g.id());
        return out;
    }

    /** The singular nouns a group's plural names stand for, synonyms folded ("robbers" → "thief"). */
    private static List<String> nouns(StoryCharacter g) {
        List<String> out = new ArrayList<>();
        for (String phrase : phrases(g)) {
            String[] w = phrase.split(" ");
            if (w.length == 0) continue;
            String s = Lexicon.singularOfPlural(w[w.length - 1]);
            if (s != null && !out.contains(GroupPhrase.fold(s))) out.add(GroupPhrase.fold(s));
        }
        return out;
    }

    private static String groupOf(StoryCharacter c, Map<String, List<String>> groupsByNoun) {
        for (String phrase : phrases(c)) {
            String[] w = phrase.split(" ");
            String noun = null;
            int of = phrase.indexOf(" of the ");
            if (of > 0) { // "captain of the robbers", "one of the thieves"
                String[] after = phrase.substring(of + 8).split(" ");
                noun = Lexicon.singularOfPlural(after[after.length - 1]);
            } else if (w.length >= 2
                    && (Lexicon.DISTINGUISHING.contains(w[w.length - 2]) || w[w.length - 2].equals("other"))) {
                noun = w[w.length - 1]; // "eldest son", "second giant", "other sister"
            }
            if (noun == null) continue;
            String folded = GroupPhrase.fold(noun);
            List<String> groups = groupsByNoun.getOrDefault(folded, List.of());
            if (groups.size() == 1) return groups.get(0);
        }
        return null;
    }

    private static List<String> phrases(StoryCharacter c) {
        List<String> out = new ArrayList<>();
        out.add(MentionIndex.stripArticle(c.name()).toLowerCase(Locale.ROOT));
        for (String a : c.aliases()) out.add(MentionIndex.stripArticle(a).toLowerCase(Locale.ROOT));
        return out;
    }
}
