package lemon.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Merges two role characters that the words themselves make one person: a king's (or queen's) son
 * is the prince and a king's daughter the princess, the hag is the witch and the little man the dwarf; the maid of a story with one waiting-maid is
 * she. Each rule fires only when the story has exactly one character on each side: a tale with two
 * princes, or a king's son and a prince from another land, keeps them apart (as it keeps
 * "the maid" apart when there are two kinds of maid). A story can also reveal it in one sentence:
 * "The old woman had appeared to be most friendly, but she was really an old witch" (Hansel and
 * Grettel), "This godmother of hers, who was a fairy" (Cinderella); that sentence is kept as the
 * evidence.
 */
final class RoleAliases {
    /** Relational name → the role it is, for royal children: "the king's son", "the Sultan's daughter". */
    private static final Map<String, String> ROYAL_CHILDREN = new java.util.HashMap<>();

    static {
        for (String monarch : List.of("king", "queen", "sultan", "emperor", "empress", "tsar", "czar", "shah")) {
            ROYAL_CHILDREN.put(monarch + "'s son", "prince");
            ROYAL_CHILDREN.put(monarch + "'s daughter", "princess");
        }
    }

    /**
     * A crown → the royal child who wears it once married: "the young King was married to his real bride" (the
     * goose-girl's prince), "The young Queen was turned of twenty" (the sleeping beauty, "the young queen" of the
     * valiant little tailor's princess). The finder keys "the young King" apart from "the King" for this.
     */
    static final Map<String, String> CROWNED_CHILD = Map.of("king", "prince", "queen", "princess");

    /**
     * A name a tale calls someone by → the role it means: "the old hag" is the witch, "the little
     * man" the dwarf. Merged only when the story has one of each and most sentences that name the
     * epithet do not name the role too (a hag who calls on the witch is someone else).
     */
    private static final Map<String, String> EPITHETS = Map.of(
            "hag", "witch",
            "old hag", "witch",
            "crone", "witch",
            "little man", "dwarf",
            "manikin", "dwarf",
            "mannikin", "dwarf");

    private RoleAliases() {}

    static List<StoryCharacter> merge(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, StoryCharacter> byName = new LinkedHashMap<>();
        for (StoryCharacter c : characters) byName.put(c.name().toLowerCase(java.util.Locale.ROOT), c);
        // a role already merged into a name ("a wonderful princess, called Briar Rose") is found by its alias
        for (StoryCharacter c : characters)
            for (String a : c.aliases()) byName.putIfAbsent(a.toLowerCase(java.util.Locale.ROOT), c);
        List<StoryCharacter[]> pairs = new ArrayList<>();
        for (String role : List.of("prince", "princess")) {
            List<StoryCharacter> children = royalChildren(byName, role);
            if (children.size() == 1 && byName.containsKey(role))
                pairs.add(new StoryCharacter[] {children.get(0), byName.get(role)});
        }
        for (var e : EPITHETS.entrySet()) {
            StoryCharacter epithet = byName.get(e.getKey()), role = byName.get(e.getValue());
            if (epithet != null && role != null && epithet != role && !mostlyTogether(index, epithet, role))
                pairs.add(new StoryCharacter[] {epithet, role});
        }
        // "the eldest son" and "the eldest brother": one of the brothers who are the sons (the water of life)
        for (String d : Lexicon.DISTINGUISHING) {
            if (List.of("old", "young", "little").contains(d)) continue;
            for (String[] kin : new String[][] {{"son", "brother"}, {"daughter", "sister"}}) {
                StoryCharacter child = byName.get(d + " " + kin[0]), sibling = byName.get(d + " " + kin[1]);
                if (child != null && sibling != null && child != sibling)
                    pairs.add(new StoryCharacter[] {child, sibling});
            }
        }
        pairs.addAll(parents(index, byName));
        // each pair's evidence where it is more than "one of each": the sentence that says so, or the rule
        Map<StoryCharacter[], String> because = new java.util.HashMap<>();
        for (StoryCharacter[] p : crowned(byName)) {
            pairs.add(p);
            if (p[1].name().startsWith("young "))
                because.put(
                        p,
                        "the story's one " + p[0].name() + " is \"the " + p[1].name()
                                + "\" once crowned: a tale's young king or queen is the royal child it marries (rule)");
        }
        for (Map.Entry<StoryCharacter[], String> e : sharedThings(index).entrySet()) {
            pairs.add(e.getKey());
            because.put(e.getKey(), e.getValue());
        }
        for (StoryCharacter[] p : heroine(index, characters)) {
            pairs.add(p);
            because.put(
                    p,
                    p[0].name() + ", the story's most-named woman, and \"the " + p[1].name()
                            + "\" are seldom named in one sentence, and the " + p[1].name()
                            + " comes after her (rule)");
        }
        java.util.Set<StoryCharacter[]> nameWins = new java.util.HashSet<>(); // pairs whose first one names both
        for (StoryCharacter c : characters) {
            String name = c.name();
            int dash = name.lastIndexOf('-');
            if (dash <= 0 || name.contains(" ")) continue;
            String head = name.substring(dash + 1);
            long compounds = characters.stream()
                    .filter(o -> !o.name().contains(" ") && o.name().endsWith("-" + head))
                    .count();
            // "the kitchen-boy … the boy": the compound names him better, however often the bare noun is said
            if (compounds == 1 && byName.containsKey(head)) {
                StoryCharacter[] p = {c, byName.get(head)};
                pairs.add(p);
                nameWins.add(p);
            }
        }
        // "Inspector Rao … The inspector gathered the household": the one name that has the role as its title (in
        // full once, "Inspector Ruth Calloway", then called "Calloway")
        Map<String, java.util.Set<StoryCharacter>> titled = new java.util.HashMap<>();
        for (StoryCharacter c : characters)
            for (String form : names(c)) {
                String[] words = form.split(" ");
                String title = words[0].toLowerCase(java.util.Locale.ROOT);
                // (not "the Slave of the Ring", a title of its own, beside the princess's slave)
                if (words.length >= 2
                        && Character.isUpperCase(words[0].charAt(0))
                        && !words[1].equals("of")
                        && Lexicon.isPersonNoun(title))
                    titled.computeIfAbsent(title, k -> new java.util.LinkedHashSet<>())
                            .add(c);
            }
        titled.forEach((title, named) -> {
            StoryCharacter role = byName.get(title);
            StoryCharacter one = named.size() == 1 ? named.iterator().next() : null;
            if (one != null && role != null && role != one && !role.isGroup()) {
                StoryCharacter[] p = {one, role};
                pairs.add(p);
                nameWins.add(p);
            }
        });
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        for (int s = 0; s < index.sentences().size(); s++) {
            StoryCharacter[] p = revealed(index, s, byId);
            // "she was really an old witch": what she really is names her
            if (p != null && unmasks(index.tokens().get(s))) {
                p = new StoryCharacter[] {p[1], p[0]};
                nameWins.add(p);
            }
            if (p == null) p = both(index, s, byId);
            if (p == null) p = saysWhoSheIs(index, s, byId, byName);
            if (p == null) p = namedParent(index, s, byName);
            if (p == null) p = betrothed(index, s, byName);
            if (p != null) {
                pairs.add(p);
                because.put(p, index.sentences().get(s));
            }
        }
        if (pairs.isEmpty()) return characters;
        Map<String, String> into = new java.util.HashMap<>(); // a merged character's id → the one it went into
        for (StoryCharacter[] p : pairs) {
            StoryCharacter x = byId.get(mergedId(into, p[0].id())), y = byId.get(mergedId(into, p[1].id()));
            if (x == null || y == null || x == y) continue;
            int mx = index.sentencesMentioning(x.id(), false).size();
            int my = index.sentencesMentioning(y.id(), false).size();
            StoryCharacter winner = nameWins.contains(p) || mx >= my ? x : y, loser = winner == x ? y : x;
            byId.put(
                    winner.id(),
                    CopulaAliases.absorbed(winner, loser)
                            .withEvidence(
                                    "alias " + loser.name(),
                                    because.getOrDefault(
                                            p, "the story has one " + x.name() + " and one " + y.name() + " (rule)")));
            byId.remove(loser.id());
            into.put(loser.id(), winner.id());
        }
        return new ArrayList<>(byId.values());
    }

    /** Where a character went: "the king's daughter" merged into the princess is the princess for later pairs. */
    private static String mergedId(Map<String, String> into, String id) {
        while (into.containsKey(id)) id = into.get(id);
        return id;
    }

    /** What a tale calls its heroine where it does not use her name: at the ball, in disguise, as a bride. */
    private static final java.util.Set<String> HEROINE_ROLES = java.util.Set.of("lady", "maiden", "princess", "damsel");

    /**
     * A named heroine seen by others without her name: Ashputtel at the feast is "this lady", "the
     * beautiful maiden"; Cinderella at the ball "a great princess". The heroine is the named woman
     * with the most sentences; a lady, maiden, princess or damsel (no distinguishing word: "the old
     * lady" is someone else) is her when at most a quarter of the role's sentences name her too,
     * the role first appears after her and in fewer sentences. Two women in one sentence are
     * mostly two people; a tale's irony allows one ("Cinderella … asked them the name of that
     * princess").
     */
    private static List<StoryCharacter[]> heroine(MentionIndex index, List<StoryCharacter> characters) {
        StoryCharacter heroine = null;
        int most = 0;
        for (StoryCharacter c : characters) {
            if (!CopulaAliases.isProperName(c) || c.isGroup() || c.gender() != lemon.story.Gender.FEMALE) continue;
            int n = index.sentencesMentioning(c.id(), false).size();
            if (n > most) {
                heroine = c;
                most = n;
            }
        }
        if (heroine == null) return List.of();
        List<Integer> hers = index.sentencesMentioning(heroine.id(), false);
        List<StoryCharacter[]> out = new ArrayList<>();
        for (StoryCharacter r : characters) {
            if (r == heroine || CopulaAliases.isProperName(r) || r.isGroup() || r.memberOf() != null) continue;
            if (!HEROINE_ROLES.contains(r.name().toLowerCase(java.util.Locale.ROOT))) continue;
            if (!agrees(r, lemon.story.Gender.FEMALE)) continue;
            // the finder keys "the old lady" as the lady where no young one is in the story
            if (r.aliases().stream().anyMatch(a -> a.matches("(?i).*\\b(old|aged|ancient|elderly)\\b.*"))) continue;
            List<Integer> its = index.sentencesMentioning(r.id(), false);
            if (its.isEmpty() || its.size() >= hers.size() || its.get(0) < hers.get(0)) continue;
            if (4 * sentencesNamingBoth(index, heroine, r) > its.size()) continue;
            out.add(new StoryCharacter[] {heroine, r});
        }
        return out;
    }

    /**
     * The story's one husband and wife are its one father and mother when a sentence names the mother and father
     * together ("their step-mother had said to their father"), another the wife and husband ("'No, wife,' said her
     * husband"), and no sentence names the husband beside the father or the wife beside the mother (Hansel and
     * Grettel's woodcutter and his wife). A daughter who marries keeps her husband apart from her father: the wedding
     * names them together.
     */
    private static List<StoryCharacter[]> parents(MentionIndex index, Map<String, StoryCharacter> byName) {
        StoryCharacter father = byName.get("father"), husband = byName.get("husband"), wife = byName.get("wife");
        StoryCharacter mother = byName.containsKey("mother")
                ? byName.get("mother")
                : byName.containsKey("step-mother") ? byName.get("step-mother") : byName.get("stepmother");
        if (father == null || husband == null || wife == null || mother == null) return List.of();
        if (java.util.Set.of(father, husband, wife, mother).size() < 4) return List.of();
        if (!together(index, mother, father) || !together(index, wife, husband)) return List.of();
        if (together(index, husband, father) || together(index, wife, mother)) return List.of();
        return List.of(new StoryCharacter[] {father, husband}, new StoryCharacter[] {mother, wife});
    }

    /** The characters a royal child's relational name calls {@code role}: "the king's son" for "prince". */
    private static List<StoryCharacter> royalChildren(Map<String, StoryCharacter> byName, String role) {
        return ROYAL_CHILDREN.entrySet().stream()
                .filter(e -> e.getValue().equals(role) && byName.containsKey(e.getKey()))
                .map(e -> byName.get(e.getKey()))
                .toList();
    }

    /**
     * "the young King" is the story's one prince (its one princess for "the young Queen"), crowned by the end of the
     * tale; with no such child, the king it was keyed apart from. Where the story also has "the old King", the bare
     * "King" is then the old one: the young one has his own name.
     */
    private static List<StoryCharacter[]> crowned(Map<String, StoryCharacter> byName) {
        List<StoryCharacter[]> out = new ArrayList<>();
        for (var e : CROWNED_CHILD.entrySet()) {
            StoryCharacter young = byName.get("young " + e.getKey());
            if (young == null) continue;
            java.util.Set<StoryCharacter> children = new java.util.LinkedHashSet<>();
            if (byName.containsKey(e.getValue())) children.add(byName.get(e.getValue()));
            children.addAll(royalChildren(byName, e.getValue()));
            children.remove(young);
            StoryCharacter monarch = byName.get(e.getKey()), old = byName.get("old " + e.getKey());
            if (children.size() == 1) {
                out.add(new StoryCharacter[] {children.iterator().next(), young});
                if (monarch != null && old != null && monarch != old) out.add(new StoryCharacter[] {old, monarch});
            } else if (monarch != null && monarch != young) out.add(new StoryCharacter[] {monarch, young});
        }
        return out;
    }

    /**
     * Whether half or more of the sentences that name {@code a} name {@code b} too: two people who
     * meet. One such sentence is how a tale re-names someone ("a dwarf …, and the little man sprang").
     */
    private static boolean mostlyTogether(MentionIndex index, StoryCharacter a, StoryCharacter b) {
        return 2 * sentencesNamingBoth(index, a, b)
                >= index.sentencesMentioning(a.id(), false).size();
    }

    private static long sentencesNamingBoth(MentionIndex index, StoryCharacter a, StoryCharacter b) {
        List<Integer> withA = index.sentencesMentioning(a.id(), false);
        return index.sentencesMentioning(b.id(), false).stream()
                .filter(withA::contains)
                .count();
    }

    /**
     * "if he was not the son of Mustapha the tailor": a name given as someone's parent is the story's one
     * father (a woman's name its one mother), unless the two are mostly named together.
     */
    private static StoryCharacter[] namedParent(MentionIndex index, int s, Map<String, StoryCharacter> byName) {
        List<WordToken> ts = index.tokens().get(s);
        for (int k = 0; k + 2 < ts.size(); k++) {
            if (!List.of("son", "daughter", "child").contains(ts.get(k).lower())
                    || !ts.get(k + 1).lower().equals("of")) continue;
            int end = k + 2;
            while (end < ts.size() && ts.get(end).isWord() && ts.get(end).capitalised()) end++;
            if (end == k + 2) continue;
            StoryCharacter named = byName.get(CharacterFinder.joinLower(ts, k + 2, end));
            if (named == null || !CopulaAliases.isProperName(named)) continue;
            StoryCharacter parent = byName.get(named.gender() == Gender.FEMALE ? "mother" : "father");
            if (parent == null || parent == named || mostlyTogether(index, named, parent)) continue;
            return new StoryCharacter[] {named, parent};
        }
        return null;
    }

    /**
     * "When she grew up she was betrothed to a prince who lived a great way off" … "her bridegroom's kingdom": the one
     * someone is betrothed (engaged, promised) to is the story's one bridegroom, or for a woman its one bride, unless
     * some sentence names the two together.
     */
    private static StoryCharacter[] betrothed(MentionIndex index, int s, Map<String, StoryCharacter> byName) {
        List<WordToken> ts = index.tokens().get(s);
        for (int k = 0; k + 2 < ts.size(); k++) {
            if (!List.of("betrothed", "engaged", "promised").contains(ts.get(k).lower())
                    || !ts.get(k + 1).lower().equals("to")) continue;
            int n = k + 2;
            if (List.of("a", "an", "the").contains(ts.get(n).lower())) n++;
            while (n < ts.size() && Lexicon.ADJECTIVES.contains(ts.get(n).lower())) n++;
            if (n >= ts.size()) return null;
            StoryCharacter partner = byName.get(ts.get(n).lower());
            if (partner == null || partner.isGroup()) return null;
            String spouse =
                    partner.gender() == Gender.MALE ? "bridegroom" : partner.gender() == Gender.FEMALE ? "bride" : null;
            StoryCharacter named = spouse == null ? null : byName.get(spouse);
            if (named == null || named == partner || together(index, partner, named)) return null;
            return new StoryCharacter[] {partner, named};
        }
        return null;
    }

    /** A thing the story names this often at most, each time as someone's, can tell whose it is. */
    private static final int RARE_THING = 3;

    /**
     * "an old cobbler … who opened his stall" and "Baba Mustapha's stall": a thing the story names at most
     * three times, each time as someone's, and gives to one role and one name only (never named in one
     * sentence) makes them one. Evidence: the two sentences.
     */
    private static Map<StoryCharacter[], String> sharedThings(MentionIndex index) {
        Map<String, Integer> uses = new java.util.HashMap<>(), possessed = new java.util.HashMap<>();
        Map<String, Map<String, Integer>> owners = new java.util.TreeMap<>(); // thing → owner id → sentence
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (int k = 1; k < ts.size(); k++) {
                WordToken t = ts.get(k);
                if (!t.isWord() || t.capitalised() || Lexicon.isPersonNoun(t.lower())) continue;
                uses.merge(t.lower(), 1, Integer::sum);
                if (ts.get(k - 1).kind() == WordToken.Kind.POSSESSIVE
                        || List.of("his", "her").contains(ts.get(k - 1).lower()))
                    possessed.merge(t.lower(), 1, Integer::sum);
                String owner = null;
                for (MentionIndex.Mention m : index.mentions(s)) {
                    boolean pronoun = !m.explicit()
                            && m.start() == k - 1
                            && List.of("his", "her").contains(ts.get(k - 1).lower());
                    boolean named =
                            m.explicit() && m.end() == k - 1 && ts.get(k - 1).kind() == WordToken.Kind.POSSESSIVE;
                    if (pronoun || named) owner = m.characterId();
                }
                if (owner != null)
                    owners.computeIfAbsent(t.lower(), x -> new LinkedHashMap<>())
                            .putIfAbsent(owner, s);
            }
        }
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        for (StoryCharacter c : index.characters()) byId.put(c.id(), c);
        Map<StoryCharacter[], String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Integer>> e : owners.entrySet()) {
            Map<String, Integer> whose = e.getValue();
            int used = uses.get(e.getKey());
            if (whose.size() != 2 || used > RARE_THING || possessed.getOrDefault(e.getKey(), 0) < used) continue;
            List<StoryCharacter> two = whose.keySet().stream().map(byId::get).toList();
            StoryCharacter name =
                    two.stream().filter(CopulaAliases::isProperName).findFirst().orElse(null);
            StoryCharacter role = two.stream()
                    .filter(c -> !CopulaAliases.isProperName(c))
                    .findFirst()
                    .orElse(null);
            if (name == null || role == null || together(index, name, role)) continue;
            if (name.gender() != Gender.UNKNOWN && role.gender() != Gender.UNKNOWN && name.gender() != role.gender())
                continue;
            out.put(
                    new StoryCharacter[] {role, name},
                    index.sentences().get(whose.get(role.id())) + " … "
                            + index.sentences().get(whose.get(name.id())));
        }
        return out;
    }

    /** Whether some sentence names both characters. */
    private static boolean together(MentionIndex index, StoryCharacter a, StoryCharacter b) {
        return sentencesNamingBoth(index, a, b) > 0;
    }

    /**
     * A speaker who says whose child or servant she is: "Here I sit, …, I who am a king's daughter" said by the
     * goose-girl makes her the king's daughter, when the cast has one by that name and the two are seldom named in
     * one sentence. The speaker is the one character the sentence names outside its quotes, beside a verb of
     * speech there. Only a relation counts, "X's Y" or "your" and a kin word ("I am your uncle": the story's one
     * uncle): "I am a poor man" names no one.
     */
    private static StoryCharacter[] saysWhoSheIs(
            MentionIndex index, int s, Map<String, StoryCharacter> ids, Map<String, StoryCharacter> byName) {
        List<WordToken> ts = index.tokens().get(s);
        java.util.Set<String> outside = new java.util.HashSet<>();
        for (MentionIndex.Mention m : index.mentions(s)) if (!ts.get(m.start()).quoted()) outside.add(m.characterId());
        if (outside.size() != 1) return null;
        if (ts.stream().noneMatch(t -> !t.quoted() && Lexicon.SPEECH_VERBS.contains(t.lower()))) return null;
        StoryCharacter speaker = ids.get(outside.iterator().next());
        for (int k = 0; k + 4 < ts.size(); k++) {
            if (!ts.get(k).quoted() || !ts.get(k).lower().equals("i")) continue;
            int q = k + 1;
            if (ts.get(q).lower().equals("who")) q++;
            if (!ts.get(q).lower().equals("am")) continue;
            q++;
            StoryCharacter said;
            if (ts.get(q).lower().equals("your")
                    && Lexicon.RELATIONAL.contains(ts.get(q + 1).lower())) {
                // "I am your uncle": the one kin of that name the story has ("his uncle", "Aladdin's uncle")
                said = onlyKin(ids.values(), ts.get(q + 1).lower());
                if (said == null) continue;
            } else {
                if (StoryCues.A_OR_THE.contains(ts.get(q).lower())) q++;
                if (q + 2 >= ts.size() || ts.get(q + 1).kind() != WordToken.Kind.POSSESSIVE) continue;
                said = byName.get(ts.get(q).lower() + "'s " + ts.get(q + 2).lower());
            }
            if (said == null || speaker == null) return null;
            said = ids.get(said.id());
            if (said == null || said == speaker || said.isGroup() || speaker.isGroup()) return null;
            if (said.gender() != Gender.UNKNOWN
                    && speaker.gender() != Gender.UNKNOWN
                    && said.gender() != speaker.gender()) return null;
            return mostlyTogether(index, speaker, said) ? null : new StoryCharacter[] {speaker, said};
        }
        return null;
    }

    /** The one character whose name or role is that kin word ("uncle", "Aladdin's uncle"), else null. */
    private static StoryCharacter onlyKin(java.util.Collection<StoryCharacter> cast, String kin) {
        StoryCharacter found = null;
        for (StoryCharacter c : cast) {
            boolean is =
                    c.role().equals(kin) || c.name().equals(kin) || c.name().endsWith("'s " + kin);
            if (!is) continue;
            if (found != null) return null;
            found = c;
        }
        return found;
    }

    /** Words that say a copula reveals who someone truly is. */
    private static final java.util.Set<String> REVEALING = java.util.Set.of("really", "actually", "reality", "truth");

    /** "was really an old witch", "was in reality a fairy": a revealing word before the article of what someone is. */
    private static boolean unmasks(List<WordToken> ts) {
        for (int k = 0; k + 1 < ts.size(); k++)
            if (REVEALING.contains(ts.get(k).lower())
                    && List.of("a", "an").contains(ts.get(k + 1).lower())) return true;
        return false;
    }

    /**
     * Two roles sentence s makes one: "ROLE … but she was really a/an [adjectives] ROLE", the
     * pronoun's gender agreeing with both, or "ROLE [of hers], who was a/an [adjectives] ROLE";
     * null when it says no such thing.
     */
    private static StoryCharacter[] revealed(MentionIndex index, int s, Map<String, StoryCharacter> ids) {
        List<WordToken> ts = index.tokens().get(s);
        List<MentionIndex.Mention> ms = explicitMentions(index, s);
        for (int k = 1; k < ms.size(); k++) {
            MentionIndex.Mention b = ms.get(k);
            int j = b.start() - 1;
            // "a bony old woman": describing words the lexicon may not know, a few
            while (j >= 0
                    && (Lexicon.ADJECTIVES.contains(ts.get(j).lower())
                            || b.start() - j <= 3
                                    && ts.get(j).isWord()
                                    && !ts.get(j).capitalised()
                                    && !Lexicon.DETERMINERS.contains(ts.get(j).lower()))) j--;
            if (j < 3 || !(ts.get(j).lower().equals("a") || ts.get(j).lower().equals("an"))) continue;
            j--;
            StoryCharacter who = whoWas(ts, j, ms.get(k - 1), ids);
            StoryCharacter named = ids.get(b.characterId());
            // "The king was an old man" says what he is; "the old man" is him only if no other sentence has both
            // (this one names both)
            if (who != null && named != null && ms.get(k - 1).end() == j && sentencesNamingBoth(index, who, named) > 1)
                who = null;
            if (who != null
                    && named != null
                    && who != named
                    && !who.isGroup()
                    && !named.isGroup()
                    && !CopulaAliases.isProperName(who)
                    && !CopulaAliases.isProperName(named)
                    && gendersAgree(who, named)) return new StoryCharacter[] {who, named};
            if (!REVEALING.contains(ts.get(j).lower())) continue;
            if (ts.get(j).lower().equals("reality") || ts.get(j).lower().equals("truth")) j--; // "in reality"
            j--;
            if (j < 1 || !(ts.get(j).lower().equals("was") || ts.get(j).lower().equals("is"))) continue;
            String pronoun = ts.get(j - 1).lower();
            if (!pronoun.equals("she") && !pronoun.equals("he")) continue;
            for (int i = k - 1; i >= 0; i--) {
                StoryCharacter x = ids.get(ms.get(i).characterId());
                if (x == null || named == null || x == named || x.isGroup() || named.isGroup()) continue;
                if (CopulaAliases.isProperName(x) || CopulaAliases.isProperName(named)) continue;
                lemon.story.Gender g = pronoun.equals("she") ? lemon.story.Gender.FEMALE : lemon.story.Gender.MALE;
                if (agrees(x, g) && agrees(named, g)) return new StoryCharacter[] {x, named};
            }
        }
        return null;
    }

    /**
     * Two roles sentence s says are one: "he is both the false oil merchant and the Captain of the
     * Forty Thieves" (is|was both [up to three words] ROLE and [up to three words] ROLE). Without the
     * copula ("Both the merchant and the captain laughed") they are two people. Null when it says no such thing.
     */
    private static StoryCharacter[] both(MentionIndex index, int s, Map<String, StoryCharacter> ids) {
        List<WordToken> ts = index.tokens().get(s);
        List<MentionIndex.Mention> ms = explicitMentions(index, s);
        for (int k = 1; k < ms.size(); k++) {
            MentionIndex.Mention a = ms.get(k - 1), b = ms.get(k);
            int and = a.end();
            if (and >= b.start() || !ts.get(and).lower().equals("and") || b.start() - and - 1 > 3) continue;
            if (!allWords(ts, and + 1, b.start())) continue;
            int j = a.start() - 1;
            while (j >= 0
                    && a.start() - j <= 4
                    && ts.get(j).isWord()
                    && !ts.get(j).lower().equals("both")) j--;
            if (j < 1 || !ts.get(j).lower().equals("both")) continue;
            String copula = ts.get(j - 1).lower();
            if (!copula.equals("is") && !copula.equals("was")) continue;
            StoryCharacter x = ids.get(a.characterId()), y = ids.get(b.characterId());
            if (x == null || y == null || x == y || x.isGroup() || y.isGroup()) continue;
            if (CopulaAliases.isProperName(x) && CopulaAliases.isProperName(y)) continue;
            if (!gendersAgree(x, y)) continue;
            return new StoryCharacter[] {x, y};
        }
        return null;
    }

    private static List<MentionIndex.Mention> explicitMentions(MentionIndex index, int s) {
        return index.mentions(s).stream().filter(MentionIndex.Mention::explicit).toList();
    }

    private static boolean allWords(List<WordToken> ts, int from, int to) {
        for (int i = from; i < to; i++) if (!ts.get(i).isWord()) return false;
        return true;
    }

    /**
     * The character of mention {@code before} when tokens up to {@code was} (inclusive) read
     * "MENTION [up to three words], who was|is": the relative clause of "This godmother of hers, who was".
     */
    private static StoryCharacter whoWas(
            List<WordToken> ts, int was, MentionIndex.Mention before, Map<String, StoryCharacter> ids) {
        if (was < 1
                || !(ts.get(was).lower().equals("was") || ts.get(was).lower().equals("is"))) return null;
        // "The witch was a bony old woman": the role said to be the other, as its clause's subject
        if (before.end() == was
                && (before.start() == 0
                        || !ts.get(before.start() - 1).isWord()
                        || ts.get(before.start() - 1).lower().equals("the"))) return ids.get(before.characterId());
        if (was < 2
                || !ts.get(was - 1).lower().equals("who")
                || !ts.get(was - 2).text().equals(",")) return null;
        int gap = (was - 2) - before.end();
        return gap >= 0 && gap <= 3 ? ids.get(before.characterId()) : null;
    }

    /** The same gender, or one of them not known: two names that may be one person. */
    private static boolean gendersAgree(StoryCharacter x, StoryCharacter y) {
        return agrees(x, y.gender()) || y.gender() == lemon.story.Gender.UNKNOWN;
    }

    private static boolean agrees(StoryCharacter c, lemon.story.Gender g) {
        return c.gender() == g || c.gender() == lemon.story.Gender.UNKNOWN;
    }

    /** The character's name and aliases. */
    private static List<String> names(StoryCharacter c) {
        List<String> all = new ArrayList<>(List.of(c.name()));
        all.addAll(c.aliases());
        return all;
    }
}
