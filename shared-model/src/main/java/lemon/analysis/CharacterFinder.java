package lemon.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Finds the characters of a story without a language model: proper names (runs of capitalised
 * words that behave like names), role characters ("the tailor", "the captain of the robbers")
 * and relational characters ("Cassim's wife", "the king's son"). Genders come from the person
 * noun when it says (queen, wife) or else from the pronouns that follow the character's mentions.
 */
final class CharacterFinder {
    static final int MAX_CHARACTERS = 200;
    /** The cast's order: the most mentioned first, then by id. */
    static final Comparator<StoryCharacter> MOST_MENTIONED_FIRST =
            Comparator.comparingInt(StoryCharacter::mentions).reversed().thenComparing(StoryCharacter::id);

    /** Above this many characters, the ones mentioned only twice are dropped. */
    static final int CROWDED = 60;

    enum Kind {
        NAME,
        ROLE,
        RELATIONAL,
        GROUP
    }

    /** A character being assembled: its surface forms with counts and what kind it is. */
    private static final class Candidate {
        final Kind kind;
        final String key;
        final Map<String, Integer> forms = new TreeMap<>();
        String head = "";
        String ownerSurface = "";
        String name;
        Gender gender = Gender.UNKNOWN;
        /** For a thing the telling lets speak: the first sentence where it speaks; null for anyone else. */
        String speaks;
        /** For a group: how often each count was given ("two sisters" → 2). */
        final Map<Integer, Integer> counts = new LinkedHashMap<>();

        Candidate(Kind kind, String key) {
            this.kind = kind;
            this.key = key;
        }

        void add(String form) {
            forms.merge(form, 1, Integer::sum);
        }

        int count() {
            return forms.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Statistics of one capitalised run ("Ali Baba") across the story. */
    private static final class NameStat {
        int count;
        int midSentence;
        int afterArticle;
        /** Evidence only a person gives: speech, a possessive, "who", a verb things do not do. */
        int animate;
        /** Introduced as a person by name: "a mild man named Rupert", "a bodyguard called Dacre". */
        int named;
        /** Right after punctuation or at a sentence's start: where a verse line's capital stands too. */
        int afterPunctuation;
        /** The titles written before it ("Mrs" of "Mrs Okafor"), as written, with how often. */
        final Map<String, Integer> titles = new HashMap<>();

        /** Words of a title before a name that are no person noun themselves: "Deputy Minister", "Vice Admiral". */
        static final java.util.Set<String> TITLE_WORDS = java.util.Set.of("deputy", "vice", "chief", "acting", "grand");

        /** Two forms' counts together, as if one form. */
        static NameStat sum(NameStat a, NameStat b) {
            NameStat s = new NameStat();
            s.count = a.count + b.count;
            s.midSentence = a.midSentence + b.midSentence;
            s.afterArticle = a.afterArticle + b.afterArticle;
            s.animate = a.animate + b.animate;
            s.named = a.named + b.named;
            s.afterPunctuation = a.afterPunctuation + b.afterPunctuation;
            return s;
        }
    }

    /** Below this many sentences a story may name a character once ("Anna found a kitten"). */
    static final int SHORT_STORY_SENTENCES = 15;

    record Result(List<StoryCharacter> characters, MentionIndex index, List<String> warnings) {}

    private final List<String> sentences;
    private final List<List<WordToken>> tokens;
    private final Map<String, Integer> lowerCounts = new HashMap<>();

    private CharacterFinder(List<String> sentences, List<List<WordToken>> tokens) {
        this.sentences = sentences;
        this.tokens = tokens;
        this.introduced = new java.util.HashSet<>(openingPeople(tokens));
        this.introduced.addAll(recurringStrangers(tokens));
        this.introduced.addAll(speakingNewcomers(tokens));
        this.figures = figures(tokens);
        this.oneOfThem = oneOfThem(tokens);
        this.introduced.addAll(figures.values());
        this.oldAndYoung = oldAndYoung(tokens);
        this.goingOnAsIt = goingOnAsIt(tokens, goingOnAsItFrom);
    }

    /** Beasts brought in that the story goes on telling of as "it", each with what it was called ("snow-white bird"). */
    private final Map<String, String> goingOnAsIt;

    /** The sentence each of {@link #goingOnAsIt} is brought in. */
    private final Map<String, Integer> goingOnAsItFrom = new HashMap<>();

    /** What may follow an "it" that stands for no beast: "it was", "it happened", "it seemed". */
    private static final java.util.Set<String> IMPERSONAL = java.util.Set.of(
            "was", "is", "seemed", "seems", "happened", "had", "would", "could", "might", "must", "will", "shall");

    /**
     * "At midday they saw a beautiful little snow-white bird sitting on a branch … And when its song was finished it
     * flapped its wings and flew on in front of them. They followed it …, on the roof of which it perched": a beast
     * brought in with "a" that both of the next two sentences go on telling of as "it" (its, or an "it" that does
     * something) acts in the story though its noun is said once. It is called by its colour where one is given.
     */
    private static Map<String, String> goingOnAsIt(List<List<WordToken>> tokens, Map<String, Integer> from) {
        Map<String, String> out = new HashMap<>();
        for (int s = 0; s + 2 < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            for (int i = 0; i < ts.size(); i++) {
                if (!List.of("a", "an").contains(ts.get(i).lower()) || ts.get(i).quoted()) continue;
                int k = i + 1;
                while (k < ts.size()
                        && (Lexicon.ADJECTIVES.contains(ts.get(k).lower())
                                || StoryCues.isColour(ts.get(k).lower()))) k++;
                if (k >= ts.size()
                        || !ts.get(k).isWord()
                        || !Lexicon.ANIMALS.contains(ts.get(k).lower())) continue;
                if (!saysIt(tokens.get(s + 1)) || !saysIt(tokens.get(s + 2))) continue;
                String noun = ts.get(k).lower(), colour = ts.get(k - 1).lower();
                if (out.putIfAbsent(noun, k - 1 > i && StoryCues.isColour(colour) ? colour + " " + noun : noun) == null)
                    from.put(noun, s);
            }
        }
        return out;
    }

    /** Whether the narration of a sentence says "its", or "it" doing something. */
    private static boolean saysIt(List<WordToken> ts) {
        for (int i = 0; i < ts.size(); i++) {
            WordToken t = ts.get(i);
            if (t.quoted()) continue;
            if (t.lower().equals("its")) return true;
            if (t.lower().equals("it")
                    && i + 1 < ts.size()
                    && ts.get(i + 1).isWord()
                    && !IMPERSONAL.contains(ts.get(i + 1).lower())) return true;
        }
        return false;
    }

    /** Role nouns the story writes both "old X" and "young X": there the old one is someone of their own. */
    private final java.util.Set<String> oldAndYoung;

    /**
     * "the old King" and "the young King" (the goose-girl's father-in-law and her husband), "a very old fairy"
     * and "the young Fairy": a noun the story gives both ages is two people, and "old" tells the elder apart.
     */
    private static java.util.Set<String> oldAndYoung(List<List<WordToken>> tokens) {
        java.util.Set<String> old = new java.util.HashSet<>(), young = new java.util.HashSet<>();
        for (List<WordToken> ts : tokens)
            for (int i = 0; i + 1 < ts.size(); i++) {
                String a = ts.get(i).lower(), noun = ts.get(i + 1).lower();
                if (!Lexicon.isPersonNoun(noun) || Lexicon.GENERIC.contains(noun)) continue;
                if (a.equals("old")) old.add(noun);
                if (a.equals("young")) young.add(noun);
            }
        old.retainAll(young);
        return java.util.Set.copyOf(old);
    }

    static Result find(List<String> sentences, List<List<WordToken>> tokens) {
        return new CharacterFinder(sentences, tokens).run();
    }

    private Result run() {
        for (List<WordToken> ts : tokens) {
            for (WordToken t : ts) {
                if (t.isWord()
                        && !t.capitalised()
                        && !PARTICLE_NAME.matcher(t.text()).matches()) lowerCounts.merge(t.lower(), 1, Integer::sum);
            }
        }
        List<Candidate> candidates = new ArrayList<>(findNames());
        candidates.addAll(findRolesAndRelations(candidates));
        List<String> warnings = new ArrayList<>();
        if (candidates.isEmpty())
            return new Result(List.of(), MentionIndex.build(sentences, tokens, List.of()), warnings);

        // Pass 1: locate explicit mentions, then let pronouns vote on the genders not yet known.
        List<StoryCharacter> prelim = toCharacters(candidates, Map.of(), Map.of());
        MentionIndex first = MentionIndex.build(sentences, tokens, prelim);
        Map<String, Gender> genders = GenderVotes.decide(first, prelim);
        // Pass 2: with genders known, "his wife" and pronouns resolve; count and filter.
        List<StoryCharacter> kept = keep(candidates, genders, warnings);
        // Pass 3: index only the characters kept, so pronouns never resolve to dropped ones.
        MentionIndex finalIndex = MentionIndex.build(sentences, tokens, kept);
        List<Candidate> kin = unnamedKin(finalIndex, kept, candidates);
        if (!kin.isEmpty()) {
            candidates.addAll(kin);
            kept = keep(candidates, genders, new ArrayList<>()); // its warnings are the first pass's
            finalIndex = MentionIndex.build(sentences, tokens, kept);
        }
        Map<String, String> roles = NamedRoles.find(finalIndex, kept);
        List<StoryCharacter> out = new ArrayList<>();
        for (StoryCharacter c : kept) {
            // the narrator is only ever "I": its pronouns are its mentions
            java.util.Set<Integer> where =
                    new java.util.HashSet<>(finalIndex.sentencesMentioning(c.id(), c.id().equals(NARRATOR)));
            // "My grandfather kept the lighthouse": the grandfather's mention says "my" for the narrator too
            if (c.id().equals(NARRATOR)) where.addAll(firstPersonSentences());
            int mentions = where.size();
            String role = c.role().isEmpty() ? roles.getOrDefault(c.id(), "") : c.role();
            // no pronoun or noun said it: an occupation tales give to one sex ("the coachman") is a last resort,
            // and then a one-word name that is a gendered noun (a goat called Duchess, a dog called Prince)
            // "a boy called Callum Reid": a role that is a sex's own noun says it outright
            Gender g = c.gender() == Gender.UNKNOWN
                    ? Lexicon.genderOfHead(role.toLowerCase(java.util.Locale.ROOT))
                    : c.gender();
            if (g == Gender.UNKNOWN) g = Lexicon.usualGender(role);
            // "The baker, a cheerful giant named Hector Plum": the noun that names him counts as much as his role
            if (g == Gender.UNKNOWN) g = Lexicon.usualGender(roles.getOrDefault(c.id(), ""));
            if (g == Gender.UNKNOWN
                    && CopulaAliases.isProperName(c)
                    && !c.name().contains(" ")) g = Lexicon.genderOf(c.name().toLowerCase(java.util.Locale.ROOT));
            // nothing in the story says it: a first name that nearly always has one sex ("Anna met Boris"), unless
            // it is a beast's or a machine's ("HUGO, the maintenance robot")
            if (g == Gender.UNKNOWN
                    && CopulaAliases.isProperName(c)
                    && !c.isGroup()
                    && StoryCues.animal(c.with(c.aliases(), g, role, mentions)) == null)
                g = Lexicon.givenNameGender(c.name());
            out.add(c.with(withNarratorsKin(c), g, role, mentions));
        }
        out = new ArrayList<>(FamilyHead.alias(finalIndex, out)); // "a poor woodcutter with his wife" is the father
        Map<String, List<String>> aliasesBefore = new HashMap<>();
        for (StoryCharacter c : out) aliasesBefore.put(c.id(), c.aliases());
        out = new ArrayList<>(NamedGenerics.alias(finalIndex, out)); // "The boy said his name was Tariq"
        out.sort(MOST_MENTIONED_FIRST);
        // "Rapunzel said to her: 'Tell me, Dame Gothel, …'"; the cast's index serves as the result's when no name is
        // added (most stories), so it is built once
        MentionIndex index = MentionIndex.build(sentences, tokens, out);
        // "Everyone called him the Chief … 'Mostly,' the Chief answered, and he lit his pipe": with the aliases found
        // last, the pronouns vote again for those still of no known sex
        boolean unsexed = out.stream().anyMatch(c -> c.gender() == Gender.UNKNOWN && !c.isGroup());
        Map<String, Gender> revoted = unsexed ? GenderVotes.decide(index, out) : Map.of();
        // and one given a name or title there ("the Chief") is mentioned wherever that is said
        List<StoryCharacter> sexed = new ArrayList<>();
        for (StoryCharacter c : out) {
            Gender g = revoted.getOrDefault(c.id(), Gender.UNKNOWN);
            boolean vote = c.gender() == Gender.UNKNOWN && !c.isGroup() && g != Gender.UNKNOWN;
            boolean renamed = !c.aliases().equals(aliasesBefore.get(c.id())) && !c.id().equals(NARRATOR);
            int mentions = renamed ? index.sentencesMentioning(c.id(), false).size() : c.mentions();
            sexed.add(vote || renamed ? c.with(c.aliases(), vote ? g : c.gender(), c.role(), mentions) : c);
        }
        if (!sexed.equals(out)) {
            sexed.sort(MOST_MENTIONED_FIRST);
            out = sexed;
            index = MentionIndex.build(sentences, tokens, out);
        }
        List<StoryCharacter> named = AddressedNames.alias(index, out, lowerCounts);
        if (!named.equals(out)) index = MentionIndex.build(sentences, tokens, named);
        return new Result(List.copyOf(named), index, warnings);
    }

    /** Merges aliases over the candidates' characters, then keeps those mentioned often enough. */
    private List<StoryCharacter> keep(List<Candidate> candidates, Map<String, Gender> genders, List<String> warnings) {
        List<StoryCharacter> gendered = toCharacters(candidates, genders, Map.of());
        MentionIndex second = MentionIndex.build(sentences, tokens, gendered);
        List<StoryCharacter> merged =
                GroupAliases.merge(second, RoleAliases.merge(second, CopulaAliases.merge(second, gendered)));
        if (merged != gendered) {
            gendered = merged;
            second = MentionIndex.build(sentences, tokens, gendered);
        }
        // the narrator is added here, so that a second pass (unnamed kin) keeps it too
        return namedNarrator(withNarrator(GroupMembers.link(second, filter(second, gendered, candidates, warnings))));
    }

    /**
     * "My name is Agnes Pryce, and in the spring of 1923 I went to keep house for my uncle": the narrator and Agnes
     * Pryce are one, under her name (the narration says so, not a speaker's quote).
     */
    private List<StoryCharacter> namedNarrator(List<StoryCharacter> kept) {
        StoryCharacter narrator =
                kept.stream().filter(c -> c.id().equals(NARRATOR)).findFirst().orElse(null);
        if (narrator == null) return kept;
        for (int s = 0; s < tokens.size(); s++)
            for (int i = 0; i + 2 < tokens.get(s).size(); i++) {
                List<WordToken> ts = tokens.get(s);
                int from = narratorNameAt(ts, i);
                if (from < 0) continue;
                int j = from;
                while (j < ts.size() && ts.get(j).isWord() && ts.get(j).capitalised()) j++;
                String said = joinText(ts, from, j);
                StoryCharacter named = kept.stream()
                        .filter(c -> !c.isGroup()
                                && (c.name().equals(said) || c.aliases().contains(said)))
                        .findFirst()
                        .orElse(null);
                // "I am Mei.", her name said once: the narrator goes by it
                if (named == null
                        && j > from
                        && (j == ts.size()
                                || List.of(".", ",", ";", "!")
                                        .contains(ts.get(j).text()))
                        && !Lexicon.isTitle(ts.get(from).lower())
                        && !Lexicon.isPersonNoun(ts.get(from).lower())
                        && !StoryCues.nationality(ts.get(from)))
                    named = new StoryCharacter(said, said, List.of(), Gender.UNKNOWN, "", 1);
                if (named == null || named == narrator) continue;
                List<String> aliases = new ArrayList<>(named.aliases());
                aliases.add(NARRATOR);
                StoryCharacter merged = new StoryCharacter(
                                NARRATOR,
                                named.name(),
                                aliases,
                                named.gender(),
                                named.role().isEmpty() ? NARRATOR : named.role(),
                                narrator.mentions() + named.mentions())
                        .withEvidence("alias " + NARRATOR, sentences.get(s));
                List<StoryCharacter> out = new ArrayList<>();
                for (StoryCharacter c : kept)
                    if (c == narrator) out.add(merged);
                    else if (c != named) out.add(c);
                return out;
            }
        return kept;
    }

    /**
     * Where the narration gives the narrator's name, "My name is Agnes Pryce" or "I am Mei" (a quote's "I" is the
     * speaker's): the index of the name's first word, or −1.
     */
    private static int narratorNameAt(List<WordToken> ts, int i) {
        if (ts.get(i).quoted()) return -1;
        String a = ts.get(i).lower(), b = ts.get(i + 1).lower();
        if (a.equals("i") && b.equals("am") && ts.get(i + 2).capitalised()) return i + 2;
        if (i + 3 < ts.size()
                && a.equals("my")
                && b.equals("name")
                && List.of("is", "was").contains(ts.get(i + 2).lower())) return i + 3;
        return -1;
    }

    /** The id and name of a first-person story's narrator. */
    static final String NARRATOR = "narrator";

    /**
     * "I stayed with him the winter I turned twelve": a story whose narration says I, me or my in three sentences
     * and an eighth of them has its narrator as a character (quoted speech's "I" is the speaker's, not counted).
     */
    private List<StoryCharacter> withNarrator(List<StoryCharacter> kept) {
        if (kept.stream().anyMatch(c -> c.id().equals(NARRATOR))) return kept;
        int said = firstPersonSentences().size();
        // an eighth of the sentences at least: a long quoted speech split into sentences lends a tale a few I's
        if (said < 3 || 8 * said < tokens.size()) return kept;
        List<StoryCharacter> out = new ArrayList<>(kept);
        out.add(new StoryCharacter(NARRATOR, NARRATOR, List.of(), Gender.UNKNOWN, NARRATOR, said));
        return out;
    }

    /** The sentences whose narration (not a quote) says I, me or my. */
    private java.util.Set<Integer> firstPersonSentences() {
        java.util.Set<Integer> said = new java.util.HashSet<>();
        for (int s = 0; s < tokens.size(); s++)
            if (tokens.get(s).stream().anyMatch(t -> !t.quoted() && Lexicon.FIRST_PERSON.contains(t.lower())))
                said.add(s);
        return said;
    }

    /** Step-parents: named once, still someone (see {@link #filter}). */
    static final java.util.Set<String> STEP_PARENTS =
            java.util.Set.of("stepmother", "step-mother", "mother-in-law", "stepfather", "step-father");

    /** Owners whose wife or mother is the story's queen, where it has one. */
    private static final java.util.Set<String> ROYAL =
            java.util.Set.of("king", "queen", "prince", "princess", "sultan", "emperor", "empress");

    /**
     * Kin a story names only through a pronoun's owner: "her mother" of the princess, "his wife" of the clerk, "his
     * only daughter" of the tailor's king. Not a son: "his son" is most often a hero the story names, whom the index
     * cannot always tie to it (Aladdin's vizier's son became a sultan's son).
     */
    private static final java.util.Set<String> UNNAMED_KIN =
            java.util.Set.of("wife", "husband", "mother", "father", "stepmother", "stepfather", "daughter");

    /**
     * "The Princess … told her mother", "Her mother did not believe her": a spouse, parent or daughter of a kept
     * character that no character is, named so in two sentences, is someone ("the princess's mother").
     * Not the kin of someone who is a kinsman already ("Aladdin's mother's son" is Aladdin, "the third
     * brother's father" the king), nor of a group.
     */
    private List<Candidate> unnamedKin(MentionIndex index, List<StoryCharacter> kept, List<Candidate> candidates) {
        Map<String, StoryCharacter> byId = new HashMap<>();
        for (StoryCharacter c : kept) byId.put(c.id(), c);
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Candidate c : candidates) known.add(c.key);
        // "a miller … with his wife and his daughter, Liesel": where the story has a married pair, a child's "her
        // mother" is most likely its wife, whom the reader cannot tie to the child
        boolean parentsKnown = hasRelation(kept, "wife", "husband");
        Map<String, java.util.Set<Integer>> sentencesOf = new TreeMap<>(); // "princess's mother" → its sentences
        for (MentionIndex.Unclaimed u : index.unclaimed()) {
            StoryCharacter owner = byId.get(u.ownerId());
            if (owner == null || owner.isGroup() || !UNNAMED_KIN.contains(u.noun())) continue;
            String ownerName = CopulaAliases.isProperName(owner)
                    ? owner.name()
                    : MentionIndex.stripArticle(owner.name()).toLowerCase(Locale.ROOT);
            // "the clerk of the kitchen" → "the clerk's wife"
            if (!CopulaAliases.isProperName(owner) && ownerName.contains(" of "))
                ownerName = ownerName.substring(0, ownerName.indexOf(" of "));
            String head = ownerName.substring(ownerName.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
            if (ownerName.contains("'s ") || Lexicon.RELATIONAL.contains(head) || head.equals(u.noun())) continue;
            // a king's wife or mother where the story has a queen is she (or the story's kings are several)
            String title = Lexicon.genderOfHead(u.noun()) == Gender.FEMALE ? "queen" : "king";
            if (ROYAL.contains(head)
                    && byId.values().stream().anyMatch(c -> c.role().endsWith(title))) continue;
            String key = ownerName + "'s " + u.noun();
            if (known.contains(key)) continue;
            sentencesOf.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(u.sentence());
        }
        sentencesOf.values().removeIf(named -> named.size() < 2);
        for (String key : sentencesOf.keySet())
            parentsKnown |= List.of("wife", "husband").contains(key.substring(key.lastIndexOf("'s ") + 3));
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<Integer>> e : sentencesOf.entrySet()) {
            int apos = e.getKey().lastIndexOf("'s "); // the owner's name has no "'s " of its own
            String noun = e.getKey().substring(apos + 3);
            if (parentsKnown && List.of("mother", "father").contains(noun)) continue;
            Candidate c = new Candidate(Kind.RELATIONAL, e.getKey());
            c.head = noun;
            c.ownerSurface = e.getKey().substring(0, apos);
            c.forms.put(e.getKey(), e.getValue().size());
            out.add(c);
        }
        return out;
    }

    /** Whether some character is named as someone's one of these relations ("the miller's wife"). */
    private static boolean hasRelation(List<StoryCharacter> cast, String... nouns) {
        for (StoryCharacter c : cast)
            for (String n : nouns) if (c.name().toLowerCase(Locale.ROOT).endsWith("'s " + n)) return true;
        return false;
    }

    // ---------------------------------------------------------------- proper names

    /** Capitalised words the story gives as a name ("a goat whose name was Duchess", "a dog called King"). */
    private final java.util.Set<String> givenNames = new java.util.HashSet<>();

    /** Names given to an "it" that is a beast or a machine ("The villagers called it Cinder"). */
    private final java.util.Set<String> namesOfAnIt = new java.util.HashSet<>();

    /** Whether sentence s or one of the two before names a beast or a machine. */
    private boolean beastNear(int s) {
        for (int p = Math.max(0, s - 2); p <= s; p++)
            for (WordToken t : tokens.get(p))
                if (t.isWord() && !t.capitalised() && Lexicon.isAnimal(t.lower())) return true;
        return false;
    }

    /** Names the story introduces as a person's ("a mild man named Rupert"): one mention makes a character. */
    private final java.util.Set<String> introducedNames = new java.util.HashSet<>();

    private List<Candidate> findNames() {
        Map<String, NameStat> stats = new TreeMap<>();
        for (int s = 0; s < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            for (int i = 1; i < ts.size(); i++) {
                if (!ts.get(i).capitalised() || ts.get(i).initial()) continue;
                String before = ts.get(i - 1).lower();
                boolean nameWas = i > 1
                        && (before.equals("was") || before.equals("is"))
                        && ts.get(i - 2).lower().equals("name");
                // "a dragon came down … The villagers called it Cinder": a name given to the beast or machine the
                // sentence or the two before tell of ("called it Harrowby" of a town is no one's)
                boolean calledIt = Lexicon.namedAnIt(ts, i) && beastNear(s);
                if (calledIt) namesOfAnIt.add(ts.get(i).lower());
                if (Lexicon.NAMING_VERBS.contains(before) || nameWas || calledIt)
                    givenNames.add(ts.get(i).lower());
            }
        }
        // "Ali, Hasan and Omar": names said in one list, so one name's person evidence is the others' too
        Map<String, java.util.Set<String>> listedWith = new java.util.HashMap<>();
        for (List<WordToken> ts : tokens) {
            int i = 0, lastEnd = -1;
            String lastForm = null;
            boolean lastAfterPlace = false;
            while (i < ts.size()) {
                if (!isNameWord(ts.get(i))) {
                    i++;
                    continue;
                }
                int j = i;
                // "Fatima bint Khalid", "Ludwig van Beethoven": a particle continues a name
                while (j < ts.size()
                        && (isNameWord(ts.get(j))
                                || (j > i
                                        && j + 1 < ts.size()
                                        && Lexicon.NAME_PARTICLES.contains(
                                                ts.get(j).lower())
                                        && isNameWord(ts.get(j + 1))))) j++;
                String form = recordRun(ts, i, j, stats);
                // ("a quiet engineer from Osaka, Kenji Mori": a place after "from" is no one listed with the name)
                if (form != null && lastForm != null && listJoin(ts, lastEnd, i) && !lastAfterPlace) {
                    listedWith
                            .computeIfAbsent(form, k -> new java.util.HashSet<>())
                            .add(lastForm);
                    listedWith
                            .computeIfAbsent(lastForm, k -> new java.util.HashSet<>())
                            .add(form);
                }
                lastForm = form;
                lastEnd = j;
                lastAfterPlace =
                        i > 0 && PLACE_PREPOSITIONS.contains(ts.get(i - 1).lower());
                i = j;
            }
        }
        List<String> accepted = new ArrayList<>();
        for (Map.Entry<String, NameStat> e : stats.entrySet()) {
            if (looksLikeName(e.getKey(), e.getValue())) accepted.add(e.getKey());
            if (e.getValue().named > 0) introducedNames.add(e.getKey());
        }
        // "The pathologist, Dr. Hannah Weiss, … 'Two days,' Weiss said": a full name and its surname or given name,
        // each said once, are one name said twice
        for (Map.Entry<String, NameStat> full : stats.entrySet()) {
            String[] words = full.getKey().split(" ");
            if (words.length < 2 || accepted.contains(full.getKey())) continue;
            // "Deputy Minister Harriet Osei": the titles before the name are no part of it
            int first = 0;
            while (first < words.length - 1
                    && (Lexicon.isTitle(words[first].toLowerCase(Locale.ROOT))
                            || Lexicon.isPersonNoun(words[first].toLowerCase(Locale.ROOT))
                            || NameStat.TITLE_WORDS.contains(words[first].toLowerCase(Locale.ROOT)))) first++;
            // "Old Magnus Tulloch was the keeper … while Magnus held the lantern": an epithet before the name too
            boolean epithet = first == 0 && words.length > 2 && EPITHETS.contains(words[0].toLowerCase(Locale.ROOT));
            if (epithet) first = 1;
            // ("Captain Rosa Delgado … said Rosa": the given name after the titles)
            for (String part : List.of(words[first], words[words.length - 1])) {
                NameStat one = stats.get(part);
                if (one == null || accepted.contains(part)) continue;
                NameStat both = NameStat.sum(full.getValue(), one);
                boolean proper = java.util.Arrays.stream(words, first, words.length)
                        .map(w -> w.toLowerCase(Locale.ROOT))
                        .noneMatch(w ->
                                lowerCounts.getOrDefault(w, 0) > 0 || Lexicon.isTitle(w) || Lexicon.isPersonNoun(w));
                if (proper && looksLikeName(part, both)) {
                    accepted.add(part);
                    accepted.add(full.getKey());
                }
            }
        }
        for (Map.Entry<String, NameStat> e : stats.entrySet()) {
            NameStat st = e.getValue();
            if (accepted.contains(e.getKey()) || st.animate + st.named > 0) continue;
            boolean listed = listedWith.getOrDefault(e.getKey(), java.util.Set.of()).stream()
                    .anyMatch(accepted::contains);
            if (listed && shapedLikeName(e.getKey(), st)) accepted.add(e.getKey());
        }
        // "At first Mustapha refused": one word of a name already found ("Baba Mustapha") is that name once
        // said, as long as the word is not mostly a common one or written after an article
        List<String> longer = accepted.stream().filter(f -> f.contains(" ")).toList();
        for (Map.Entry<String, NameStat> e : stats.entrySet()) {
            String form = e.getKey();
            NameStat st = e.getValue();
            if (accepted.contains(form) || form.contains(" ")) continue;
            if (longer.stream().noneMatch(f -> containsWords(f, form))) continue;
            if (st.afterArticle * 2 >= st.count
                    || lowerCounts.getOrDefault(form.toLowerCase(Locale.ROOT), 0) >= st.count) continue;
            accepted.add(form);
        }
        // "Priya Nair ran the night shift … Priya gave him a towel": a full name said once is the given name's, when
        // its other words are never common ones
        for (Map.Entry<String, NameStat> e : stats.entrySet()) {
            String[] words = e.getKey().split(" ");
            if (words.length < 2 || accepted.contains(e.getKey())) continue;
            // "Captain Adaeze Obi found the robot … Captain Obi shook her head": the titled name in full
            boolean titledFull = accepted.stream().anyMatch(f -> titledSurname(e.getKey(), f));
            // "Dr. Amara Lin ran the only clinic … Dr. Lin listened": under the title its surname is called by
            String surname = words[words.length - 1];
            boolean surnameTitled = accepted.contains(surname)
                    && e.getValue().titles.keySet().stream()
                            .anyMatch(t -> stats.get(surname).titles.containsKey(t));
            // "He called himself Jack Reno … Reno smiled": a given name never said alone before a name found (under a
            // title too: "Inspector Ruth Calloway … Calloway walked round")
            int given = words.length == 3 && Lexicon.isTitle(words[0].toLowerCase(Locale.ROOT)) ? 1 : 0;
            boolean givenOnce = words.length - given == 2
                    && accepted.contains(surname)
                    && !stats.containsKey(words[given])
                    && !StoryCues.STATION_TITLES.contains(words[given].toLowerCase(Locale.ROOT));
            if (!accepted.contains(words[0]) && !titledFull && !surnameTitled && !givenOnce) continue;
            boolean bySurname = (surnameTitled || givenOnce) && !accepted.contains(words[0]);
            boolean proper = true;
            for (int w = bySurname ? given : 1;
                    w < words.length - (titledFull || surnameTitled || givenOnce ? 1 : 0);
                    w++)
                proper &= lowerCounts.getOrDefault(words[w].toLowerCase(Locale.ROOT), 0) == 0
                        && !Lexicon.isTitle(words[w].toLowerCase(Locale.ROOT))
                        && !Lexicon.isPersonNoun(words[w].toLowerCase(Locale.ROOT));
            if (proper) accepted.add(e.getKey());
        }
        // Longer forms first, so "Baba" joins the group of "Ali Baba".
        accepted.sort(Comparator.comparingInt((String f) -> -f.split(" ").length)
                .thenComparing(f -> -stats.get(f).count)
                .thenComparing(f -> f));
        List<Candidate> groups = new ArrayList<>();
        for (String form : accepted) {
            Candidate home = null;
            // "a grumpy old man called Mr Fell" and "his nephew, Sam Fell": a surname the story brings in under its
            // title is that one's name, and joins no one else's full name (unless written with the title too)
            String titledForm = stats.get(form).named == 0 ? form : titled(form, stats.get(form));
            String title = titledForm.equals(form) ? null : titledForm.substring(0, titledForm.indexOf(' '));
            for (Candidate g : groups) {
                if (title != null && g.forms.keySet().stream().noneMatch(f -> f.startsWith(title + " "))) continue;
                boolean contains = g.forms.keySet().stream()
                        .anyMatch(f -> containsWords(f, form)
                                || titledSurname(f, form)
                                || kinTitledGiven(f, form)
                                || kinTitledGiven(form, f));
                if (contains && (home == null || g.count() > home.count())) home = g;
            }
            if (home == null) {
                home = new Candidate(Kind.NAME, form);
                groups.add(home);
            }
            home.forms.merge(form, stats.get(form).count, Integer::sum);
        }
        // "gently sway, / Blow Curdken's hat away": a capital that only ever opens a line or a sentence before a
        // name the story mostly writes alone is the line's, not the name's ("Curdken", not "Blow Curdken")
        for (Candidate g : groups)
            g.forms.keySet().removeIf(f -> {
                int space = f.indexOf(' ');
                if (space < 0) return false;
                Integer alone = g.forms.get(f.substring(space + 1));
                NameStat st = stats.get(f);
                return alone != null && alone > 2 * st.count && st.afterPunctuation == st.count;
            });
        for (Candidate g : groups) {
            String best = bestForm(g.forms);
            g.name = titled(best, stats.get(best));
            g.forms.putIfAbsent(g.name, 0);
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate g : groups) out.addAll(couple(g, stats));
        for (Map.Entry<String, Integer> self : selfNamed(tokens).entrySet()) {
            if (self.getValue() < 2 || out.stream().anyMatch(g -> g.forms.containsKey(self.getKey()))) continue;
            Candidate c = new Candidate(Kind.NAME, self.getKey());
            c.name = self.getKey();
            c.forms.put(self.getKey(), self.getValue());
            out.add(c);
        }
        return out;
    }

    /**
     * Titles of the shape "X of the Y" that a speaker says they are ("I am the Slave of the Ring, and will obey thee in
     * all things", "I am only the Slave of the Ring"), with in how many sentences: the speaker's own name, though
     * said only in speech.
     */
    private static Map<String, Integer> selfNamed(List<List<WordToken>> tokens) {
        Map<String, Integer> out = new TreeMap<>();
        for (List<WordToken> ts : tokens) {
            java.util.Set<String> here = new java.util.HashSet<>();
            for (int i = 0; i + 3 < ts.size(); i++) {
                if (!ts.get(i).quoted()
                        || !ts.get(i).text().equals("I")
                        || !ts.get(i + 1).lower().equals("am")) continue;
                int k = i + 2;
                if (ts.get(k).lower().equals("only")) k++;
                if (k >= ts.size() || !ts.get(k).lower().equals("the")) continue;
                int from = ++k;
                boolean of = false;
                while (k < ts.size()
                        && (isNameWord(ts.get(k))
                                || k + 1 < ts.size()
                                        && List.of("of", "the")
                                                .contains(ts.get(k).lower())
                                        && (isNameWord(ts.get(k + 1))
                                                || ts.get(k + 1).lower().equals("the")))) {
                    of |= ts.get(k).lower().equals("of");
                    k++;
                }
                if (of && k > from && isNameWord(ts.get(k - 1))) here.add(joinText(ts, from, k));
            }
            for (String title : here) out.merge(title, 1, Integer::sum);
        }
        return out;
    }

    /**
     * "Mr. and Mrs. Grant brought their son … Mrs. Grant carried him … Mr. Grant held the lantern": a one-word name
     * the story writes after a man's title and after a woman's is two people, each called by its title; the name
     * alone may be either and is neither's. A full name with it ("Delia Harlow" beside "Mr and Mrs Harlow") stays a
     * third name: which of the two it is, if either, the names alone do not say. Any other group comes back as it is.
     */
    private static List<Candidate> couple(Candidate g, Map<String, NameStat> stats) {
        String bare = null, his = null, hers = null;
        for (String f : g.forms.keySet()) {
            NameStat st = f.contains(" ") ? null : stats.get(f);
            if (st == null) continue;
            his = mostUsed(st.titles, Lexicon.MALE_TITLES);
            hers = mostUsed(st.titles, Lexicon.FEMALE_TITLES);
            if (his != null && hers != null) {
                bare = f;
                break;
            }
        }
        if (bare == null) return List.of(g);
        NameStat st = stats.get(bare);
        List<Candidate> out = new ArrayList<>();
        for (String title : List.of(his, hers)) {
            Candidate c = new Candidate(Kind.NAME, title + " " + bare);
            c.name = c.key;
            c.forms.put(c.name, st.titles.get(title));
            out.add(c);
        }
        Map<String, Integer> rest = new TreeMap<>(g.forms);
        rest.remove(bare);
        rest.keySet().removeIf(f -> !stats.containsKey(f)); // "Mr Harlow", the name given the group for its title
        if (rest.isEmpty()) return out;
        Candidate named = new Candidate(Kind.NAME, g.key);
        named.name = bestForm(rest);
        named.forms.putAll(rest);
        out.add(0, named);
        return out;
    }

    /** The title of these written most often before a name (as written), or null when none of them is. */
    private static String mostUsed(Map<String, Integer> titles, java.util.Set<String> these) {
        return titles.entrySet().stream()
                .filter(t -> these.contains(t.getKey().toLowerCase(Locale.ROOT)))
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /**
     * "Mrs Okafor": a one-word name the story mostly writes after the same title keeps it, as a reader calls her
     * (the title itself is no name word, so the run it was counted in began after it).
     */
    private static String titled(String name, NameStat st) {
        if (name.contains(" ")) return name;
        return st.titles.entrySet().stream()
                .filter(t -> t.getValue() * 2 >= st.count)
                .min(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(t -> t.getKey() + " " + name)
                .orElse(name);
    }

    /** The form a name group is called by, of its forms and their counts ({@link #better}). */
    private static String bestForm(Map<String, Integer> forms) {
        String best = null;
        for (Map.Entry<String, Integer> f : forms.entrySet())
            if (best == null || better(f.getKey(), f.getValue(), best, forms.get(best))) best = f.getKey();
        return best;
    }

    /** Prefer the longest form that occurs at least twice, then the most frequent one. */
    private static boolean better(String a, int ca, String b, int cb) {
        int la = a.split(" ").length;
        int lb = b.split(" ").length;
        boolean ra = ca >= 2;
        boolean rb = cb >= 2;
        if (ra != rb) return ra;
        if (la != lb) return la > lb;
        return ca > cb;
    }

    private static boolean isNameWord(WordToken t) {
        if (PARTICLE_NAME.matcher(t.text()).matches()) return true; // "al-Rashid", "d'Artagnan"
        return t.capitalised()
                && !Lexicon.NOT_NAMES.contains(t.lower())
                && Character.isLetter(t.text().charAt(0));
    }

    /** Whether tokens [from, to) join two names of one list: "," or "and" or ", and" (or "or"). */
    private static boolean listJoin(List<WordToken> ts, int from, int to) {
        if (to - from < 1 || to - from > 2) return false;
        for (int k = from; k < to; k++) {
            String w = ts.get(k).lower();
            if (!w.equals(",") && !w.equals("and") && !w.equals("or")) return false;
        }
        return true;
    }

    /** "Grandfather" is also "my grandfather" and "our grandfather" where the narration says so. */
    private List<String> withNarratorsKin(StoryCharacter c) {
        return withNarratorsKin(c.name(), c.aliases());
    }

    private List<String> withNarratorsKin(String name, List<String> known) {
        if (!kinWordName(name)) return known;
        String kin = name.toLowerCase(Locale.ROOT);
        List<String> aliases = new ArrayList<>(known);
        for (String owner : List.of("my", "our"))
            for (List<WordToken> ts : tokens)
                for (int i = 0; i + 1 < ts.size(); i++)
                    if (ts.get(i).lower().equals(owner)
                            && ts.get(i + 1).lower().equals(kin)
                            && !ts.get(i).quoted()
                            && !aliases.contains(owner + " " + kin)) aliases.add(owner + " " + kin);
        return aliases;
    }

    /** Kin words a family calls someone by, capitalised as a name: "Grandfather polished the lens", "Mother sang". */
    private static final java.util.Set<String> KIN_NAMES = java.util.Set.of(
            "mother",
            "father",
            "grandfather",
            "grandmother",
            "grandma",
            "grandpa",
            "granny",
            "mum",
            "mom",
            "dad",
            "mama",
            "papa");

    /** "Grandfather", "Mother": a character named by the kin word a family calls it, capitalised. */
    static boolean kinWordName(String name) {
        return KIN_NAMES.contains(name.toLowerCase(Locale.ROOT)) && Character.isUpperCase(name.charAt(0));
    }

    /** A capitalised kin word standing alone as a name: no article or owner before it, not in quoted speech. */
    private static boolean kinName(List<WordToken> ts, int i) {
        WordToken t = ts.get(i);
        if (!KIN_NAMES.contains(t.lower()) || !t.capitalised() || t.quoted()) return false;
        return i == 0 || !Lexicon.DETERMINERS.contains(ts.get(i - 1).lower());
    }

    /** Words of age or size a name is said with, as in "Old Magnus Tulloch", "Little Jamie Price". */
    private static final java.util.Set<String> EPITHETS = java.util.Set.of("old", "young", "little", "big");

    private static final java.util.regex.Pattern PARTICLE_NAME = java.util.regex.Pattern.compile(
            "(al|el|ad|ar|as|ash|at|az|ad-d|abu|ibn|bin|bint|ben|d|de|di|da|du|o)[-'’]\\p{Lu}\\p{L}+");

    /** Counts the run ts[i, j) as a name's mention and returns its text; null for a lone role noun, which is no name. */
    private String recordRun(List<WordToken> ts, int i, int j, Map<String, NameStat> stats) {
        // A lone person noun or title ("the Captain", "King") is a role, not a name, unless the story gives it as one.
        if (j - i == 1
                && !givenNames.contains(ts.get(i).lower())
                && !kinName(ts, i)
                && (Lexicon.isPersonNoun(ts.get(i).lower())
                        || Lexicon.isPersonPlural(ts.get(i).lower())
                        || Lexicon.TITLES.contains(ts.get(i).lower()))) return null;
        String form = joinText(ts, i, j);
        NameStat st = stats.computeIfAbsent(form, k -> new NameStat());
        st.count++;
        if (!ts.get(i).initial()) st.midSentence++;
        if (i == 0 || !ts.get(i - 1).isWord()) st.afterPunctuation++;
        // ("the Reverend Simon Okonkwo": the article is the title's)
        boolean titled = j - i >= 2 && Lexicon.isTitle(ts.get(i).lower());
        if (i > 0
                && !titled
                && (Lexicon.DETERMINERS.contains(ts.get(i - 1).lower())
                        || Lexicon.NUMBERS.contains(ts.get(i - 1).lower()))) st.afterArticle++;
        // "the Water of Life": a capitalised word after "Capitalised of" names a thing or place.
        if (i > 1 && ts.get(i - 1).lower().equals("of") && ts.get(i - 2).capitalised()) st.afterArticle++;
        if (hasAnimateEvidence(ts, i, j)) st.animate++;
        // "The villagers called it Cinder": a name the story gives, a beast's or a machine's
        boolean calledIt = i > 1
                && ts.get(i - 1).lower().equals("it")
                && namesOfAnIt.contains(ts.get(i).lower());
        // "Captain Adaeze Obi finally admitted": a title before a given name and a surname brings someone in
        boolean titledInFull = titled && j - i >= 3 && !ts.get(i).quoted();
        if (namedPerson(ts, i) || calledIt || listedAsPeople(ts, j) || titledInFull) st.named++;
        if (i > 0
                && ts.get(i - 1).capitalised()
                && Lexicon.PERSON_TITLES.contains(ts.get(i - 1).lower()))
            st.titles.merge(ts.get(i - 1).text(), 1, Integer::sum);
        return form;
    }

    /**
     * "a mild man named Rupert": a naming verb right before, a person noun in the few words before it;
     * not a disguise ("he returned as a merchant named Cogia Houssain" is someone already there).
     */
    private static boolean namedPerson(List<WordToken> ts, int i) {
        // "Her name was Captain Ines Morales", "The youth's name was Curdken", "The judge was Mrs Okafor"
        int at = i >= 1 && Lexicon.PERSON_TITLES.contains(ts.get(i - 1).lower()) ? i - 1 : i; // "Mrs" is not the name
        // (a speaker's "A black one. Her name was Sergeant" tells of a dog of the war, no one in the story)
        boolean toldOfInAQuote = ts.get(at).quoted()
                && at >= 3
                && List.of("her", "his", "its", "their").contains(ts.get(at - 3).lower());
        if (!toldOfInAQuote
                && (Lexicon.nameToldBefore(ts, at)
                        || at >= 2
                                && List.of("was", "is").contains(ts.get(at - 1).lower())
                                && Lexicon.isPersonNoun(ts.get(at - 2).lower()))) return true;
        // "It was Tariq's aunt, Mrs Haddad, calling": a name in apposition to a kin word brings someone in, and one
        // with its title after a role ("said Big Dave to the vicar, the Reverend Simon Okonkwo")
        // ("The eldest, Victor, opened the door": so does one after a word that singles out one of a family, and a
        // titled name after a person noun: "the headmistress, Mrs Dunmore, came out")
        if (at >= 2
                && ts.get(at - 1).text().equals(",")
                && (Lexicon.RELATIONAL.contains(ts.get(at - 2).lower())
                        || GroupMembers.BARE.contains(ts.get(at - 2).lower())
                        || at < i && Lexicon.isPersonNoun(ts.get(at - 2).lower()))) return true;
        if (at >= 3
                && Lexicon.isTitle(ts.get(at).lower())
                && ts.get(at - 1).lower().equals("the")
                && ts.get(at - 2).text().equals(",")
                && Lexicon.isPersonNoun(ts.get(at - 3).lower())) return true;
        // "a grumpy old man called Mr Fell"
        if (at < 2 || !Lexicon.NAMING_VERBS.contains(ts.get(at - 1).lower())) return false;
        i = at;
        for (int k = i - 2; k >= Math.max(0, i - 5) && ts.get(k).isWord(); k--) {
            // "Her captain, a Norwegian called Olsen": a people's name after "a" is a person of that people
            // ("a broad, red-faced Scot called Hamish Baird": describing words may stand between)
            int article = k - 1;
            while (article > 0
                    && k - article <= 4
                    && (ts.get(article).text().equals(",")
                            || ts.get(article).isWord() && !ts.get(article).capitalised())
                    && !List.of("a", "an").contains(ts.get(article).lower())) article--;
            boolean ofAPeople = ts.get(k).capitalised()
                    && k > 0
                    && List.of("a", "an").contains(ts.get(article).lower())
                    && (ts.get(k).lower().matches("[a-z]+(ian|ese|ish|man|woman|ch|er|i)")
                            || SHORT_PEOPLES.contains(ts.get(k).lower()));
            // "an old harbourmaster named Declan Moriarty": a trade the lexicon does not know, by its shape
            boolean trade = k == i - 2
                    && !ts.get(k).capitalised()
                    && Lexicon.shapedLikeTrade(ts.get(k).lower());
            if (!Lexicon.isPersonNoun(ts.get(k).lower()) && !ofAPeople && !trade) continue;
            for (int d = k - 1; d >= Math.max(0, k - 4) && ts.get(d).isWord(); d--)
                if (ts.get(d).lower().equals("as")) return false;
            return true;
        }
        return false;
    }

    /**
     * "Sami and Yusuf were twins", "Anna, Bea and Cleo were sisters": names listed, from {@code end} on, before
     * "were" and the people they are (a plural person noun, maybe counted or described first).
     */
    private static boolean listedAsPeople(List<WordToken> ts, int end) {
        int k = listedUntilWere(ts, end);
        if (k < 0) return false;
        for (k++; k < ts.size() && k <= end + 12 && ts.get(k).isWord(); k++) {
            String w = ts.get(k).lower();
            String single = Lexicon.singularOfPlural(w);
            if (single != null) return true;
            if (!Lexicon.DETERMINERS.contains(w)
                    && !GroupPhrase.COUNTS.containsKey(w)
                    && !Lexicon.ADJECTIVES.contains(w)) return false;
        }
        return false;
    }

    /** "…, Bea and Cleo were": where the "were" or "are" after the names listed from {@code end} on stands, or -1. */
    static int listedUntilWere(List<WordToken> ts, int end) {
        int k = end;
        while (k < ts.size()
                && (List.of(",", "and").contains(ts.get(k).lower())
                        || ts.get(k).isWord() && ts.get(k).capitalised())) k++;
        return k < ts.size() && List.of("were", "are").contains(ts.get(k).lower()) ? k : -1;
    }

    private static final java.util.Set<String> PLACE_PREPOSITIONS =
            java.util.Set.of("at", "in", "near", "from", "inside", "beyond", "across", "of");

    /** Possessive, ", who", a speech cue or a verb of people ("Anna found", "said Boris"). */
    private static boolean hasAnimateEvidence(List<WordToken> ts, int i, int j) {
        // "Captain Morales", "Mrs Plum": a title before a name is a person's
        // (in the narration: "Tell me, Dame Gothel" is how Rapunzel addresses the enchantress, who is no second woman)
        if (j - i >= 2 && !ts.get(i).quoted() && Lexicon.isTitle(ts.get(i).lower())) return true;
        if (j < ts.size()) {
            WordToken next = ts.get(j);
            if (next.kind() == WordToken.Kind.POSSESSIVE) return true;
            // "the well at Kessa ran dry", "the elders of Kessa thanked": the verb is the noun's before it, not the
            // name's
            boolean place = i > 0 && PLACE_PREPOSITIONS.contains(ts.get(i - 1).lower());
            if (!place && next.isWord() && Lexicon.isAnimateVerb(next.lower())) return true;
            // "Felix was nervous": how only a person is
            if (List.of("was", "is").contains(next.lower())) {
                int k = j + 1;
                if (k < ts.size()
                        && List.of("very", "so", "too", "still")
                                .contains(ts.get(k).lower())) k++;
                if (k < ts.size() && Lexicon.MOODS.contains(ts.get(k).lower())) return true;
                // "Abuela Inés was seventy and nearly blind": an age in years, said bare or as "years old"
                if (j + 2 < ts.size()
                        && StoryCues.AGE_NUMBERS.contains(ts.get(j + 1).lower())
                        && (!ts.get(j + 2).isWord()
                                || List.of("and", "years", "but")
                                        .contains(ts.get(j + 2).lower()))) return true;
            }
            if (next.text().equals(",")
                    && j + 1 < ts.size()
                    && List.of("who", "whom", "whose").contains(ts.get(j + 1).lower())) return true;
            // "Carl Voss, a young sailor", "Cogia Hassan was the robber Captain": a person noun said of it
            boolean apposition = next.text().equals(",")
                    || next.lower().equals("was")
                    || next.lower().equals("is");
            if (apposition
                    && j + 1 < ts.size()
                    && Lexicon.DETERMINERS.contains(ts.get(j + 1).lower()))
                // "Elias was a thin, stooped man": describing words may be parted by a comma
                for (int k = j + 2;
                        k < Math.min(ts.size(), j + 7)
                                && (ts.get(k).isWord() || ts.get(k).text().equals(","));
                        k++)
                    if (ts.get(k).isWord() && Lexicon.isPersonNoun(ts.get(k).lower())) return true;
            // "Mustapha the tailor": a person noun as the name's epithet
            if (next.lower().equals("the")
                    && j + 1 < ts.size()
                    && !ts.get(j + 1).capitalised()
                    && Lexicon.isPersonNoun(ts.get(j + 1).lower())) return true;
        }
        if (i == 0 || namesAThing(ts, i)) return false; // "a town called Harrowby" is no one called
        String before = ts.get(i - 1).lower();
        // "The youngest, Wade, was quiet": a name in apposition to a family's rank word is one of the family
        if (i >= 3
                && before.equals(",")
                && GroupMembers.BARE.contains(ts.get(i - 2).lower())
                && ts.get(i - 3).lower().equals("the")) return true;
        // "the son of Mustapha": whose kin someone is
        if (before.equals("of")
                && i >= 2
                && Lexicon.RELATIONAL.contains(ts.get(i - 2).lower())) return true;
        return Lexicon.isNamingCue(before)
                || Lexicon.PERSON_OBJECT_VERBS.contains(before)
                || Lexicon.isPersonNoun(before) // "her sister Clementine", "the slave Morgiana"
                || Lexicon.PERSON_TITLES.contains(before); // "Mrs Plum"
    }

    /** Words for one of a people that end as no other such word does: "a broad, red-faced Scot called Hamish". */
    private static final java.util.Set<String> SHORT_PEOPLES = java.util.Set.of(
            "scot", "swede", "turk", "finn", "pole", "dane", "greek", "arab", "serb", "croat", "kurd", "basque",
            "swiss", "maori", "zulu", "inuk", "sikh", "jew", "slav", "celt", "gael", "bedouin", "cossack");

    /**
     * "a town called Harrowby", "the river named Sill": a name the story gives to a thing or place, a common noun no
     * person or kept beast or machine is, after its article (and a word saying which kind), right before the naming
     * verb. A trade-shaped noun ("a developer named Farid") is one too, but is read as a person's by
     * {@code namedKinds} and {@code namedPerson} all the same.
     */
    static boolean namesAThing(List<WordToken> ts, int i) {
        if (i < 3 || !Lexicon.NAMING_VERBS.contains(ts.get(i - 1).lower())) return false;
        WordToken noun = ts.get(i - 2);
        String w = noun.lower();
        if (!noun.isWord()
                || noun.capitalised()
                || Lexicon.isPersonNoun(w)
                || Lexicon.KEPT_ANIMALS.contains(w) // "a dog named Rex"
                || Lexicon.KEPT_MACHINES.contains(w)
                || w.equals("one")) return false; // "the one called Tom"
        // "a little town called", "a fishing village called": one word may say which kind
        List<String> articles = List.of("a", "an", "the");
        int det = i - 3;
        if (det >= 1 && ts.get(det).isWord() && !articles.contains(ts.get(det).lower())) det--;
        return articles.contains(ts.get(det).lower());
    }

    private boolean shortStory() {
        return sentences.size() < SHORT_STORY_SENTENCES;
    }

    private boolean looksLikeName(String form, NameStat st) {
        // Capitalised mid-sentence is not enough: only a person's evidence tells a name from a capitalised noun
        // ("Temperatures climbed", "and Humidity rose" in a weather report).
        return st.animate + st.named >= 1 && shapedLikeName(form, st);
    }

    /** Everything {@link #looksLikeName} asks but a person's evidence: often enough, mid-sentence, not a common word. */
    private boolean shapedLikeName(String form, NameStat st) {
        // one mention is enough in a short story, or where the text introduces the name as a person's
        if (st.count < (shortStory() || st.named > 0 ? 1 : 2)) return false;
        String[] words = form.split(" ");
        if (st.afterArticle * 2 >= st.count && !epithetTitle(words)) return false;
        String last = words[words.length - 1].toLowerCase(Locale.ROOT);
        // "Grandfather took the radio" beside "my grandfather": the family's name for him, in either case
        if (words.length == 1 && KIN_NAMES.contains(last)) return st.count >= 2;
        int lower = lowerCounts.getOrDefault(last, 0);
        // A word mostly written in lower case is a common word capitalised by position.
        if (lower >= st.count) return false;
        return st.midSentence >= 1 || lower == 0;
    }

    /**
     * "the Frost King", "the Snow Queen": a ruler's or a person's title after a word of the story's own, the way a
     * tale names one who has no other name (not "the Grand Vizier", a rank, nor "the Water of Life", a thing).
     */
    private boolean epithetTitle(String[] words) {
        if (words.length != 2) return false;
        String first = words[0].toLowerCase(Locale.ROOT), last = words[1].toLowerCase(Locale.ROOT);
        return (Lexicon.TITLES.contains(last) || Lexicon.isPersonNoun(last))
                && !Lexicon.isTitle(first)
                && !Lexicon.isPersonNoun(first)
                && !NameStat.TITLE_WORDS.contains(first)
                && !Lexicon.ADJECTIVES.contains(first);
    }

    /** "Captain Morales" of "Captain Ines Morales": the same title and surname with the given names left out. */
    private static boolean titledSurname(String longer, String shorter) {
        String[] l = longer.split(" "), s = shorter.split(" ");
        if (s.length != 2 || l.length < 3) return false;
        String title = s[0].toLowerCase(Locale.ROOT);
        return Lexicon.isTitle(title) && l[0].equals(s[0]) && l[l.length - 1].equals(s[1]);
    }

    /** Kin words said before a given name, as a family calls an elder: "Uncle Wei", "Aunt Polly". */
    private static final java.util.Set<String> KIN_TITLES =
            java.util.Set.of("uncle", "aunt", "auntie", "grandpa", "grandma", "granny", "grandfather", "grandmother");

    /** "Uncle Wei" of "Wei Zhang": a kin title before the full name's given name (a surname goes after "Mr"). */
    private static boolean kinTitledGiven(String titled, String full) {
        String[] t = titled.split(" "), f = full.split(" ");
        return t.length == 2
                && f.length >= 2
                && KIN_TITLES.contains(t[0].toLowerCase(Locale.ROOT))
                && t[1].equals(f[0])
                && !Lexicon.isTitle(f[0].toLowerCase(Locale.ROOT));
    }

    private static boolean containsWords(String longer, String shorter) {
        return (" " + longer + " ").contains(" " + shorter + " ");
    }

    // ---------------------------------------------------------------- roles and relations

    /** How many opening sentences may introduce an unnamed man or woman the tale is about. */
    static final int OPENING_SENTENCES = 2;

    /** Generic heads the story opens with ("There was once a man and his wife"): they name someone. */
    private final java.util.Set<String> introduced;

    /** Generic nouns that stay one person: a stranger, a youth, a lad or a lass, not a man or a friend. */
    private static final java.util.Set<String> ONE_PERSON_NOUNS =
            java.util.Set.of("stranger", "youth", "lad", "lass", "boy", "girl");

    /**
     * "One Friday a stranger stopped at the cart … The stranger opened the suitcase": a generic noun the story
     * introduces with "a" and then calls "the" in three sentences or more is one person, where "the man" of one page
     * need not be the man of the next.
     */
    private static java.util.Set<String> recurringStrangers(List<List<WordToken>> tokens) {
        java.util.Set<String> introducedOnce = new java.util.HashSet<>();
        Map<String, Integer> definite = new HashMap<>();
        for (List<WordToken> ts : tokens) {
            java.util.Set<String> here = new java.util.HashSet<>();
            for (int i = 0; i + 1 < ts.size(); i++) {
                String d = ts.get(i).lower(), noun = ts.get(i + 1).lower();
                if (!ONE_PERSON_NOUNS.contains(noun) || ts.get(i + 1).quoted()) continue;
                if (d.equals("a")) introducedOnce.add(noun);
                if (d.equals("the")) here.add(noun);
            }
            for (String noun : here) definite.merge(noun, 1, Integer::sum);
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String noun : introducedOnce) if (definite.getOrDefault(noun, 0) >= 3) out.add(noun);
        return out;
    }

    /** Sentences that open with "The figure", each with the newcomer's noun it goes on with ({@link #figures}). */
    private final Map<Integer, String> figures;

    /**
     * "they perceived a beautiful child in a shining white robe sitting close to their resting-place. The figure got
     * up, looked at them kindly, but said nothing, and vanished": a man, woman or child brought in with "a" and a
     * describing word, whom the next sentence opens by calling "the figure", is someone of the scene, called by what
     * it came as.
     */
    private static Map<Integer, String> figures(List<List<WordToken>> tokens) {
        Map<Integer, String> out = new HashMap<>();
        for (int s = 1; s < tokens.size(); s++) {
            List<WordToken> next = tokens.get(s);
            if (next.size() < 3
                    || !next.get(0).lower().equals("the")
                    || !next.get(1).lower().equals("figure")
                    || !next.get(2).isWord()
                    || next.get(2).lower().equals("of")) continue; // "The figure of a horse was carved on the door"
            List<WordToken> ts = tokens.get(s - 1);
            for (int i = 0; i + 2 < ts.size(); i++) {
                if (!List.of("a", "an").contains(ts.get(i).lower()) || ts.get(i).quoted()) continue;
                int k = i + 1;
                while (k < ts.size() && Lexicon.ADJECTIVES.contains(ts.get(k).lower())) k++;
                if (k > i + 1
                        && k < ts.size()
                        && Lexicon.GENERIC.contains(ts.get(k).lower()))
                    out.put(s, ts.get(k).lower());
            }
        }
        return out;
    }

    /** Count words by their number ("three"), for a thing's counted form. */
    private static final Map<Integer, String> COUNT_WORDS = new HashMap<>();

    static {
        GroupPhrase.COUNTS.forEach((w, n) -> {
            if (!List.of("both", "twin").contains(w)) COUNT_WORDS.put(n, w);
        });
    }

    /**
     * "and the three drops of blood replied: 'If your mother only knew …'": a thing (no person, beast or name) the
     * narration makes the speaker of a quote, "the [count] thing [of something]" just before a verb of speech and its
     * colon or quote, in two sentences or more; each with its count (0 for none), in how many sentences and the first.
     */
    private static Map<String, int[]> speakingThings(List<List<WordToken>> tokens) {
        Map<String, int[]> out = new TreeMap<>();
        for (int s = 0; s < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            java.util.Set<String> here = new java.util.HashSet<>();
            for (int v = 2; v + 1 < ts.size(); v++) {
                WordToken verb = ts.get(v), after = ts.get(v + 1);
                if (verb.quoted()
                        || !Lexicon.SPEECH_VERBS.contains(verb.lower())
                        || !(after.text().equals(":") || after.quoted())) continue;
                int end = v, start = v - 1;
                if (start >= 2 && ts.get(start - 1).lower().equals("of")) start -= 2; // "drops of blood"
                WordToken head = ts.get(start);
                if (!head.isWord()
                        || head.capitalised()
                        || Lexicon.isPersonNoun(head.lower())
                        || Lexicon.isPersonPlural(head.lower())
                        || Lexicon.isAnimal(head.lower())) continue;
                int det = start - 1;
                int count =
                        det >= 0 && GroupPhrase.COUNTS.containsKey(ts.get(det).lower())
                                ? GroupPhrase.COUNTS.get(ts.get(det--).lower())
                                : 0;
                if (det < 0 || !ts.get(det).lower().equals("the")) continue;
                String phrase = joinLower(ts, start, end);
                if (here.add(phrase)) {
                    final int first = s;
                    int[] seen = out.computeIfAbsent(phrase, k -> new int[] {0, 0, first});
                    if (count > 0) seen[0] = count;
                    seen[1]++;
                }
            }
        }
        out.values().removeIf(seen -> seen[1] < 2);
        // "hang up Falada's head … and the head replied": a part of someone speaks for them, it is no one of its own
        for (List<WordToken> ts : tokens)
            for (int i = 1; i + 1 < ts.size(); i++)
                if (ts.get(i).kind() == WordToken.Kind.POSSESSIVE)
                    out.remove(ts.get(i + 1).lower());
        return out;
    }

    /** Sentences that open with a role first said there, each with the role and the "one of" it goes on with. */
    private final Map<Integer, String[]> oneOfThem;

    /**
     * "he sent one of his courtiers to the little tailor to offer him military service when he awoke. The ambassador
     * remained standing by the sleeper …": one of a band, whom the next sentence opens by calling by a person noun
     * the story says there for the first time, is that one (and someone: named in two sentences). Not one called
     * by the band's own noun ("One of the thieves … The thief bade him good-day"), a member of the band.
     */
    private static Map<Integer, String[]> oneOfThem(List<List<WordToken>> tokens) {
        Map<Integer, String[]> out = new HashMap<>();
        java.util.Set<String> said = new java.util.HashSet<>();
        for (int s = 0; s < tokens.size(); s++) {
            List<WordToken> next = tokens.get(s);
            if (s > 0
                    && next.size() > 2
                    && next.get(0).lower().equals("the")
                    && Lexicon.isPersonNoun(next.get(1).lower())
                    && !said.contains(next.get(1).lower())
                    && next.get(2).isWord()) {
                List<WordToken> ts = tokens.get(s - 1);
                for (int i = 0; i + 3 < ts.size(); i++) {
                    if (!ts.get(i).lower().equals("one")
                            || !ts.get(i + 1).lower().equals("of")
                            || ts.get(i).quoted()
                            || !GroupPhrase.DETERMINERS.contains(ts.get(i + 2).lower())) continue;
                    String band = Lexicon.singularOfPlural(ts.get(i + 3).lower());
                    if (band != null && !band.equals(next.get(1).lower()))
                        out.put(s, new String[] {next.get(1).lower(), joinLower(ts, i, i + 4)});
                }
            }
            for (WordToken t : next) if (t.isWord()) said.add(t.lower());
        }
        return out;
    }

    /** How many sentences after a newcomer's a "the man" or "the woman" is taken as still that one. */
    private static final int SCENE_SENTENCES = 5;

    /**
     * "Then came a peasant woman down the street crying: 'Good jams, cheap!' … The woman came up the three steps …
     * The woman … went away quite angry": a man or woman brought in crying out words, then "the woman" in two of the
     * next {@value #SCENE_SENTENCES} sentences, is someone of the scene, not any woman.
     */
    private static java.util.Set<String> speakingNewcomers(List<List<WordToken>> tokens) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int s = 0; s < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            for (int i = 0; i < ts.size(); i++) {
                if (!List.of("a", "an").contains(ts.get(i).lower()) || ts.get(i).quoted()) continue;
                int k = i + 1;
                while (k < ts.size()
                        && k < i + 3
                        && (Lexicon.ADJECTIVES.contains(ts.get(k).lower())
                                || Lexicon.isPersonNoun(ts.get(k).lower()))
                        && !ANYONE.contains(ts.get(k).lower())) k++;
                if (k >= ts.size()
                        || !List.of("man", "woman").contains(ts.get(k).lower())) continue;
                if (!criesOut(ts, k + 1)) continue;
                String the = " the " + ts.get(k).lower() + " ";
                int later = 0;
                for (int p = s + 1; p < Math.min(tokens.size(), s + 1 + SCENE_SENTENCES); p++)
                    if ((" " + joinLower(tokens.get(p), 0, tokens.get(p).size()) + " ").contains(the)
                            && tokens.get(p).stream().noneMatch(WordToken::quoted)) later++;
                if (later >= 2) out.add(ts.get(k).lower());
            }
        }
        return out;
    }

    /** Words of a newcomer crying their words as they come: "crying: 'Good jams, cheap!'". */
    private static final java.util.Set<String> CRYING =
            java.util.Set.of("crying", "calling", "shouting", "singing", "saying");

    /**
     * "Then came a peasant woman down the street crying: 'Good jams, cheap!'": a few words of where after the mention
     * (ending at {@code end}), then a verb of speech, a colon and the quote.
     */
    private static boolean criesOut(List<WordToken> ts, int end) {
        for (int k = end; k < Math.min(ts.size() - 2, end + 5); k++) {
            WordToken w = ts.get(k);
            if (!w.isWord() || w.quoted() || w.capitalised()) return false;
            if ((CRYING.contains(w.lower()) || Lexicon.SPEECH_VERBS.contains(w.lower()))
                    && ts.get(k + 1).text().equals(":")
                    && ts.get(k + 2).quoted()) return true;
        }
        return false;
    }

    /**
     * "man" and "woman" when an opening sentence introduces one with an indefinite article and an
     * opening frame ("there was/were/lived", "once"): a tale's protagonists without names. Later
     * "the man" and "the woman" then mean them.
     */
    private static java.util.Set<String> openingPeople(List<List<WordToken>> tokens) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (List<WordToken> ts : tokens.subList(0, Math.min(OPENING_SENTENCES, tokens.size()))) {
            boolean frame = false;
            for (WordToken t : ts) if (List.of("there", "once", "lived").contains(t.lower())) frame = true;
            if (!frame) continue;
            for (int i = 0; i < ts.size(); i++) {
                String d = ts.get(i).lower();
                if (!d.equals("a") && !d.equals("an")) continue;
                int k = i + 1;
                while (k < ts.size() && Lexicon.ADJECTIVES.contains(ts.get(k).lower())) k++;
                if (k < ts.size() && List.of("man", "woman").contains(ts.get(k).lower()))
                    out.add(ts.get(k).lower());
            }
        }
        return out;
    }

    /**
     * Animals the story names as the shape of something made ("a dragon kite", "the swan boat"): there the
     * animal word is the thing's, and a later "the dragon climbed higher" is the kite, no creature of the story.
     */
    private static java.util.Set<String> madeThingAnimals(List<List<WordToken>> tokens) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (List<WordToken> ts : tokens)
            for (int i = 0; i + 1 < ts.size(); i++)
                if (Lexicon.isAnimal(ts.get(i).lower())
                        && Lexicon.MADE_THINGS.contains(ts.get(i + 1).lower()))
                    out.add(ts.get(i).lower());
        return out;
    }

    /** The sentence {@link #findRolesAndRelations} is reading. */
    private int reading;

    /** A kind word's phrase ("good bird") → the animal it was first found to stand for, if one. */
    private final Map<String, java.util.Optional<String>> kindPhrases = new HashMap<>();

    private List<Candidate> findRolesAndRelations(List<Candidate> names) {
        Map<String, Candidate> byKey = new TreeMap<>();
        java.util.Set<String> madeThings = madeThingAnimals(tokens);
        java.util.Set<String> namedKinds = namedKinds(names);
        for (reading = 0; reading < tokens.size(); reading++) {
            List<WordToken> ts = tokens.get(reading);
            for (int i = 0; i < ts.size(); i++) {
                WordToken t = ts.get(i);
                if (madeThings.contains(t.lower())) continue; // "a dragon kite": "the dragon" is the kite
                GroupPhrase group = GroupPhrase.at(ts, i);
                if (group != null) {
                    group(byKey, group);
                    continue;
                }
                String[] ordinalOf = ordinalOfGroup(ts, i);
                if (ordinalOf != null) { // "the twelfth of the friendly fairies"
                    role(byKey, ordinalOf[0] + " " + ordinalOf[1], ordinalOf[1], ordinalOf[2]);
                    continue;
                }
                String pairNoun = oneOfAPair(ts, i);
                if (pairNoun != null) { // "'You must be dreaming,' said the other": the second giant of the two
                    String ordinal = ts.get(i + 1).lower().equals("first") ? "first" : "second";
                    role(
                            byKey,
                            ordinal + " " + pairNoun,
                            pairNoun,
                            "the " + ts.get(i + 1).lower());
                    continue;
                }
                if (bareMember(ts, i)) { // "the eldest went", "but the youngest called her Cinderella"
                    String adjective = ts.get(i + 1).lower();
                    role(byKey, adjective, adjective, "the " + adjective);
                    continue;
                }
                if (!t.isWord() || !Lexicon.isPersonNoun(t.lower()) && !namedKinds.contains(t.lower())) continue;
                if (i + 1 < ts.size()) {
                    WordToken next = ts.get(i + 1);
                    if (next.kind() == WordToken.Kind.POSSESSIVE) continue; // an owner, not the head
                    if (next.isWord() && Lexicon.isPersonNoun(next.lower())) continue; // a modifier
                    if (isNameWord(next)) continue; // title or apposition: "King Thrushbeard", "the slave Morgiana"
                }
                rolePhrase(ts, i, byKey, names);
            }
        }
        compoundsBare(byKey);
        // "the three drops of blood replied: …": a thing the telling lets speak
        for (Map.Entry<String, int[]> thing : speakingThings(tokens).entrySet()) {
            String said = sentences.get(thing.getValue()[2]);
            String phrase = thing.getKey();
            int count = thing.getValue()[0];
            String noun = phrase.split(" ")[0];
            boolean plural = count > 0 || noun.endsWith("s") && !noun.endsWith("ss");
            Candidate c = byKey.computeIfAbsent(
                    (plural ? "group:" : "role:") + phrase,
                    k -> new Candidate(plural ? Kind.GROUP : Kind.ROLE, phrase));
            c.head = plural ? noun.substring(0, noun.length() - 1) : noun;
            c.forms.putIfAbsent(phrase, 0);
            if (count > 0) {
                c.forms.merge(COUNT_WORDS.get(count) + " " + phrase, thing.getValue()[1], Integer::sum);
                c.counts.merge(count, thing.getValue()[1], Integer::sum);
            }
            if (c.speaks == null) c.speaks = said;
        }
        // "one of his courtiers … The ambassador remained standing by the sleeper": the ambassador is that one
        for (Map.Entry<Integer, String[]> one : oneOfThem.entrySet()) {
            reading = one.getKey() - 1;
            role(byKey, one.getValue()[0], one.getValue()[0], one.getValue()[1]);
        }
        // "a beautiful child … The figure got up": the figure is the newcomer
        for (Map.Entry<Integer, String> figure : figures.entrySet()) {
            reading = figure.getKey();
            role(byKey, figure.getValue(), figure.getValue(), "figure");
        }
        // "a beautiful little snow-white bird … it flew": what the beast was called, as it was first read
        for (Map.Entry<String, String> beast : goingOnAsIt.entrySet()) {
            reading = goingOnAsItFrom.get(beast.getKey());
            role(byKey, beast.getKey(), beast.getKey(), beast.getValue());
        }
        // "there sat a powerful giant … The giant looked": the giant is also what he was brought in as
        for (Map.Entry<String, String> a : broughtInAs.entrySet()) {
            Candidate c = byKey.get("role:" + a.getKey());
            if (c != null && !a.getValue().equals(a.getKey())) c.add(a.getValue());
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * "a developer named Farid Haddad": a noun the lexicon does not know but shaped like a trade, said of a name found
     * in "a/an … NOUN named/called NAME", is a kind of person in this story (then "the developer" is someone).
     */
    private java.util.Set<String> namedKinds(List<Candidate> names) {
        java.util.Set<String> nameForms = new java.util.HashSet<>();
        for (Candidate n : names) nameForms.addAll(n.forms.keySet());
        java.util.Set<String> out = new java.util.HashSet<>();
        for (List<WordToken> ts : tokens)
            for (int i = 1; i + 2 < ts.size(); i++) {
                WordToken noun = ts.get(i);
                String w = noun.lower();
                if (!noun.isWord()
                        || noun.capitalised()
                        || noun.quoted()
                        || !Lexicon.NAMING_VERBS.contains(ts.get(i + 1).lower())
                        || Lexicon.isPersonNoun(w)
                        || Lexicon.isAnimal(w)
                        || Lexicon.ADJECTIVES.contains(w)
                        || !Lexicon.shapedLikeTrade(w)) continue;
                boolean indefinite = false;
                for (int k = i - 1; k >= Math.max(0, i - 3) && ts.get(k).isWord(); k--)
                    if (List.of("a", "an").contains(ts.get(k).lower())) indefinite = true;
                if (indefinite && nameForms.contains(nameRun(ts, i + 2))) out.add(w);
            }
        return out;
    }

    /** Each role's first indefinite phrase with describing words, "powerful giant" of "a powerful giant". */
    private final Map<String, String> broughtInAs = new HashMap<>();

    /** "the boy" and the like, bare, each with the sentence it is first read in. */
    private final Map<String, Integer> bareGenerics = new HashMap<>();

    /** Each role's first sentence. */
    private final Map<String, Integer> firstRead = new HashMap<>();

    /**
     * "pulling the kitchen-boy by the hair … going to beat the boy": a bare generic noun ("the boy", never a
     * character by itself) said after the story's one compound role with that head is that role.
     */
    private void compoundsBare(Map<String, Candidate> byKey) {
        for (Map.Entry<String, Integer> bare : bareGenerics.entrySet()) {
            String head = bare.getKey();
            List<String> compounds = byKey.keySet().stream()
                    .filter(k -> k.startsWith("role:") && !k.contains(" ") && k.endsWith("-" + head))
                    .toList();
            if (compounds.size() == 1 && firstRead.get(compounds.get(0)) < bare.getValue())
                byKey.get(compounds.get(0)).add(bare.getKey());
        }
    }

    private void rolePhrase(List<WordToken> ts, int head, Map<String, Candidate> byKey, List<Candidate> names) {
        String noun = ts.get(head).lower();
        int j = head - 1;
        String distinguishing = null;
        String origin = null; // "the African magician": where someone is from belongs to the role's phrase
        while (j >= 0
                && ts.get(j).isWord()
                && ((!ts.get(j).capitalised()
                                && (Lexicon.ADJECTIVES.contains(ts.get(j).lower())
                                        || Lexicon.isPersonNoun(ts.get(j).lower())
                                        || ts.get(j).lower().equals("very")))
                        || (origin == null && origin(ts, j, names)))) {
            String w = ts.get(j).lower();
            if (ts.get(j).capitalised()) {
                origin = ts.get(j).text();
                j--;
                continue;
            }
            if (distinguishing == null
                    && (distinguishes(w, noun)
                            || (w.equals("old") && oldAndYoung.contains(noun))
                            || (w.equals("young") && RoleAliases.CROWNED_CHILD.containsKey(noun)))) distinguishing = w;
            j--;
        }
        if (j < 0) return;
        // "a powerful giant": a describing word the lexicon does not know (the words it knows are read as looks, and
        // as "the old man" where they tell one of a kind from the rest)
        int a = j >= 1 && j == head - 1 && Lexicon.shapedLikeAdjective(ts.get(j).text()) ? j - 1 : j;
        if (a < j
                && List.of("a", "an").contains(ts.get(a).lower())
                && !ts.get(a).quoted())
            broughtInAs.putIfAbsent(
                    distinguishing == null ? noun : distinguishing + " " + noun, joinLower(ts, a + 1, head + 1));
        WordToken det = ts.get(j);
        String modified = joinLower(ts, j + 1, head + 1);
        if (origin != null) modified = modified.replaceFirst("\\b" + origin.toLowerCase(Locale.ROOT) + "\\b", origin);
        String keyNoun = distinguishing == null ? noun : distinguishing + " " + noun;
        if (det.kind() == WordToken.Kind.POSSESSIVE) {
            String owner = ownerBefore(ts, j, names);
            if (owner != null) relation(byKey, owner, keyNoun, owner + "'s " + keyNoun);
            return;
        }
        String d = det.lower();
        if (d.equals("the") || d.equals("this") || d.equals("that")) {
            if (head + 2 < ts.size() && ts.get(head + 1).lower().equals("of")) {
                WordToken after = ts.get(head + 2);
                if (Lexicon.RELATIONAL.contains(noun) && isNameWord(after)) {
                    String owner = nameRun(ts, head + 2);
                    String canon = canonicalName(owner, names);
                    if (canon != null) {
                        relation(byKey, canon, keyNoun, keyNoun + " of " + owner);
                        return;
                    }
                }
                // "The wife of a rich man fell sick": the kin of someone brought in with "a", as its own relation
                if (List.of("a", "an").contains(after.lower()) && Lexicon.RELATIONAL.contains(noun)) {
                    int k = head + 3;
                    while (k < ts.size()
                            && Lexicon.ADJECTIVES.contains(ts.get(k).lower())) k++;
                    if (k < ts.size()
                            && !ts.get(k).capitalised()
                            && Lexicon.isPersonNoun(ts.get(k).lower())) {
                        String owner = joinLower(ts, head + 3, k + 1);
                        relation(byKey, owner, keyNoun, keyNoun + " of " + after.lower() + " " + owner);
                        return;
                    }
                }
                if (after.lower().equals("the")) {
                    int k = head + 3;
                    while (k < ts.size()
                            && Lexicon.ADJECTIVES.contains(ts.get(k).lower())) k++;
                    // "the son of the King then reigning": a capitalised rank is still the noun it is
                    if (k < ts.size()
                            && ts.get(k).isWord()
                            && (!ts.get(k).capitalised()
                                    || Lexicon.RELATIONAL.contains(noun)
                                            && Lexicon.isPersonNoun(ts.get(k).lower()))) {
                        String w = ts.get(k).lower();
                        if (Lexicon.RELATIONAL.contains(noun) && Lexicon.isPersonNoun(w)) {
                            relation(byKey, w, keyNoun, keyNoun + " of the " + w);
                            return;
                        }
                        if (!Lexicon.RELATIONAL.contains(noun)) {
                            role(byKey, keyNoun, noun, keyNoun + " of the " + joinLower(ts, head + 3, k + 1));
                            return;
                        }
                    }
                }
            }
            // "The good bird did this" just after "heavy a load for the duck", "struggled with the bird" just after
            // "the eagle had pounced": the kind word, bare or with a word of its own, stands for the one animal of
            // that kind named in this sentence or the two before (where the phrase is first used: "the good bird"
            // stays whatever it was found to be then)
            String animal = kindPhrases
                    .computeIfAbsent(modified, k -> java.util.Optional.ofNullable(animalOfKind(noun, ts, head)))
                    .orElse(null);
            if (animal != null) role(byKey, animal, animal, modified);
            else role(byKey, keyNoun, noun, modified);
        } else if (d.equals("another") && !det.quoted() && saidInTheNext(noun)) {
            role(byKey, keyNoun, noun, modified); // "her father had married another wife. This new wife had …"
        } else if (Lexicon.POSSESSIVE_PRONOUNS.contains(d) && !Lexicon.RELATIONAL.contains(noun)) {
            role(byKey, keyNoun, noun, modified); // "their captain" is the captain
        } else if (List.of("a", "an").contains(d) && introduced.contains(keyNoun) && !modified.equals(keyNoun)) {
            role(byKey, keyNoun, noun, modified); // "a peasant woman", then "the woman": what she is called by
        } else if (List.of("a", "an").contains(d)
                && head + 1 < ts.size()
                && Lexicon.SPEECH_VERBS.contains(ts.get(head + 1).lower())) {
            // "a very good countryman spake to him thus: …": a newcomer who speaks at once may be someone, never
            // named again (filter keeps one who says much)
            role(byKey, keyNoun, noun, modified.replaceFirst("^very ", ""));
        }
    }

    /** Whether the sentence after the one being read says the noun. */
    private boolean saidInTheNext(String noun) {
        return reading + 1 < tokens.size()
                && tokens.get(reading + 1).stream().anyMatch(t -> t.lower().equals(noun) && !t.quoted());
    }

    /** The one animal of the kind {@code kind} names ("bird": duck, dove…) in the reading sentence before {@code head} or the two before it; else null. */
    private String animalOfKind(String kind, List<WordToken> ts, int head) {
        java.util.Set<String> of = Lexicon.KINDS.get(kind);
        if (of == null) return null;
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int k = 0; k < head; k++)
            if (of.contains(ts.get(k).lower())) seen.add(ts.get(k).lower());
        for (int p = Math.max(0, reading - 2); p < reading; p++)
            for (WordToken t : tokens.get(p)) if (of.contains(t.lower())) seen.add(t.lower());
        return seen.size() == 1 ? seen.iterator().next() : null;
    }

    /**
     * A capitalised word at j that says where someone is from ("African", "Egyptian", "Chinese",
     * "English", "Moorish") inside a noun phrase: after an article or a lower-case word, and no name of
     * the story ("the Baba household" is Baba's).
     */
    static boolean origin(List<WordToken> ts, int j, List<Candidate> names) {
        WordToken w = ts.get(j);
        if (!w.capitalised() || j == 0 || !ts.get(j - 1).isWord()) return false;
        WordToken before = ts.get(j - 1);
        if (before.capitalised() && !StoryCues.A_OR_THE.contains(before.lower())) return false;
        if (!ORIGIN.matcher(w.text()).matches()) return false;
        for (Candidate n : names) for (String f : n.forms.keySet()) if (f.contains(w.text())) return false;
        return true;
    }

    private static final java.util.regex.Pattern ORIGIN =
            java.util.regex.Pattern.compile("\\p{Lu}\\p{Ll}+(?:ian|an|ese|ish)");

    /**
     * "the eldest" standing alone as a noun phrase (followed by a verb, a comma, "of", the end): a member
     * singled out of a family group; {@link GroupMembers} keeps it only where the story has exactly one.
     */
    static boolean bareMember(List<WordToken> ts, int i) {
        if (!ts.get(i).lower().equals("the") || i + 1 >= ts.size()) return false;
        if (!GroupMembers.BARE.contains(ts.get(i + 1).lower())) return false;
        if (i + 2 >= ts.size() || !ts.get(i + 2).isWord()) return true;
        String next = ts.get(i + 2).lower();
        return !Lexicon.ADJECTIVES.contains(next)
                && !Lexicon.isPersonNoun(next)
                && !Lexicon.DISTINGUISHING.contains(next)
                && Lexicon.singularOfPlural(next) == null
                && !List.of("one", "ones", "two", "three", "and", "or").contains(next);
    }

    /** How many sentences back a pair of people ("both giants") may be that "the other" speaks of. */
    private static final int PAIR_SENTENCES = 6;

    /**
     * "After a while he perceived both giants … 'You must be dreaming,' said the other": "the first", "the second" or
     * "the other" standing alone ({@link MentionIndex#barePairMember}) right after a story names two people of one
     * kind; the singular noun of the two ("giant"), else null.
     */
    private String oneOfAPair(List<WordToken> ts, int i) {
        if (!MentionIndex.barePairMember(ts, i) || ts.get(i).quoted()) return null;
        for (int p = reading; p >= Math.max(0, reading - PAIR_SENTENCES); p--) {
            List<WordToken> before = tokens.get(p);
            for (int k = 0; k < (p == reading ? i : before.size()); k++) {
                GroupPhrase pair = GroupPhrase.at(before, k);
                // (any two men may be "two men … the other": only a pair of a kind, "both giants")
                if (pair != null && pair.count() == 2 && !before.get(k).quoted() && !ANYONE.contains(pair.singular()))
                    return pair.singular();
            }
        }
        return null;
    }

    /**
     * "the twelfth of the [friendly] fairies": {ordinal, singular noun, the phrase} for a member singled out
     * of a plural of persons, else null.
     */
    static String[] ordinalOfGroup(List<WordToken> ts, int i) {
        if (i + 4 >= ts.size() || !ts.get(i).lower().equals("the")) return null;
        String ordinal = ts.get(i + 1).lower();
        if (!Lexicon.ORDINALS.contains(ordinal)
                || !ts.get(i + 2).lower().equals("of")
                || !ts.get(i + 3).lower().equals("the")) return null;
        // the plural within two more words: adjectives the lexicon may not know ("friendly")
        for (int k = i + 4; k < Math.min(ts.size(), i + 7); k++) {
            WordToken w = ts.get(k);
            if (!w.isWord() || w.capitalised()) return null;
            String singular = Lexicon.singularOfPlural(w.lower());
            if (singular != null && Lexicon.isPersonNoun(singular))
                return new String[] {ordinal, singular, joinLower(ts, i + 1, k + 1)};
        }
        return null;
    }

    private static boolean distinguishes(String adjective, String noun) {
        if (!Lexicon.DISTINGUISHING.contains(adjective)) return false;
        boolean ordinal = !List.of("old", "young", "little").contains(adjective);
        return ordinal || Lexicon.GENERIC.contains(noun);
    }

    private void role(Map<String, Candidate> byKey, String key, String noun, String form) {
        // "the man" is a different man from one page to the next; "the old man" is someone, and so is
        // the man a tale opens with ("There were once a man and a woman …"; Rapunzel's parents).
        if (Lexicon.GENERIC.contains(key) && !introduced.contains(key)) {
            if (form.equals(key)) bareGenerics.putIfAbsent(form, reading);
            return;
        }
        firstRead.putIfAbsent("role:" + key, reading);
        Candidate c = byKey.computeIfAbsent("role:" + key, k -> new Candidate(Kind.ROLE, key));
        c.head = noun;
        c.add(form);
    }

    private static void group(Map<String, Candidate> byKey, GroupPhrase p) {
        Candidate c = byKey.computeIfAbsent("group:" + p.key(), k -> new Candidate(Kind.GROUP, p.key()));
        c.head = p.singular();
        c.add(p.form());
        // the bare plural finds every mention ("her sisters"); a subgroup's would find the whole group
        if (!p.key().contains(" ")) c.forms.putIfAbsent(p.plural(), 0);
        if (p.count() > 0) c.counts.merge(p.count(), 1, Integer::sum);
    }

    private static void relation(Map<String, Candidate> byKey, String owner, String noun, String form) {
        String key = owner + "'s " + noun;
        Candidate c = byKey.computeIfAbsent("rel:" + key, k -> new Candidate(Kind.RELATIONAL, key));
        c.head = noun.contains(" ") ? noun.substring(noun.lastIndexOf(' ') + 1) : noun;
        c.ownerSurface = owner;
        c.add(form);
    }

    /** The owner before a possessive marker at p: a proper name ("Ali Baba") or a role ("king"). */
    private String ownerBefore(List<WordToken> ts, int p, List<Candidate> names) {
        if (p == 0) return null;
        WordToken prev = ts.get(p - 1);
        if (isNameWord(prev)) {
            int s = p - 1;
            while (s > 0 && isNameWord(ts.get(s - 1))) s--;
            String name = canonicalName(joinText(ts, s, p), names);
            // "the King’s son": a capitalised title that names no one is the noun it is
            if (name != null || s < p - 1 || !Lexicon.isPersonNoun(prev.lower())) return name;
        }
        if (prev.isWord() && Lexicon.isPersonNoun(prev.lower())) return prev.lower();
        return null;
    }

    private static String canonicalName(String surface, List<Candidate> names) {
        for (Candidate c : names) {
            if (c.forms.containsKey(surface)) return c.name;
        }
        return null;
    }

    private String nameRun(List<WordToken> ts, int start) {
        int e = start;
        while (e < ts.size() && isNameWord(ts.get(e))) e++;
        return joinText(ts, start, e);
    }

    static String joinText(List<WordToken> ts, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++)
            sb.append(k > from ? " " : "").append(ts.get(k).text());
        return sb.toString();
    }

    /** The tokens' texts in [from, to), space-separated, in lower case. */
    static String joinLower(List<WordToken> ts, int from, int to) {
        return joinText(ts, from, to).toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- assembling characters

    private List<StoryCharacter> toCharacters(
            List<Candidate> candidates, Map<String, Gender> votes, Map<String, Integer> unused) {
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            String name = c.name != null ? c.name : canonicalRoleName(c);
            String id = Slugs.of(name);
            if (byId.containsKey(id)) continue;
            List<String> aliases = new ArrayList<>();
            for (String f : c.forms.keySet()) {
                if (!f.equals(name)) aliases.add(f);
            }
            if (c.kind == Kind.ROLE && !name.equals(c.key) && !aliases.contains(c.key)) aliases.add(c.key);
            // "My grandfather, Wei Zhang, …" is Grandfather's mention before the aliases merge
            if (c.kind == Kind.NAME) aliases = new ArrayList<>(withNarratorsKin(name, aliases));
            aliases.sort(Comparator.naturalOrder());
            Gender g = c.kind == Kind.NAME ? Gender.UNKNOWN : Lexicon.genderOfHead(c.head);
            if (g == Gender.UNKNOWN) g = votes.getOrDefault(id, Gender.UNKNOWN);
            String role = switch (c.kind) {
                case NAME -> "";
                case ROLE, GROUP -> c.kind == Kind.GROUP ? name : c.key;
                case RELATIONAL -> c.head;
            };
            Integer members = c.kind == Kind.GROUP ? members(c) : null;
            // "the three drops of blood replied": why a thing is someone, and that it is painted as the thing
            Map<String, String> evidence = c.speaks == null ? Map.of() : Map.of(StoryCues.THING, c.speaks);
            byId.put(id, new StoryCharacter(id, name, aliases, g, role, c.count(), members, null, evidence));
        }
        return new ArrayList<>(byId.values());
    }

    /** Plural heads that, uncounted, mean whoever is about rather than a band of the story. */
    private static final java.util.Set<String> ANYONE = java.util.Set.of("man", "woman", "person", "fellow");

    /** How many of a group's mentions give its count. */
    private static int counted(Candidate c) {
        return c.counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The count the story gives most often for a group, or 0 when it gives none. */
    private static int members(Candidate c) {
        int best = 0, votes = 0;
        for (Map.Entry<Integer, Integer> e : c.counts.entrySet()) // ascending: a tie goes to the whole group
        if (e.getValue() >= votes) {
                best = e.getKey();
                votes = e.getValue();
            }
        return best;
    }

    /**
     * "captain of the robbers" when that phrasing recurs, else the key ("tailor", "old woman"); a group
     * by its most frequent form, a counted one ("two sisters") when it recurs.
     */
    private static String canonicalRoleName(Candidate c) {
        if (c.kind == Kind.RELATIONAL) return c.key;
        if (c.kind == Kind.GROUP) return canonicalGroupName(c);
        String best = c.key;
        int bestCount = 1;
        for (Map.Entry<String, Integer> f : c.forms.entrySet()) {
            if (f.getKey().contains(" of the ") && f.getValue() > bestCount) {
                best = f.getKey();
                bestCount = f.getValue();
            }
        }
        // "a peasant woman", then "the woman": called by what she was brought in as, not "woman"
        if (best.equals(c.key) && ANYONE.contains(c.key))
            for (String f : c.forms.keySet()) if (f.endsWith(" " + c.key) && !f.contains(" of ")) return f;
        return best;
    }

    private static String canonicalGroupName(Candidate c) {
        String best = null;
        int bestScore = -1;
        for (Map.Entry<String, Integer> f : c.forms.entrySet()) {
            String[] words = f.getKey().split(" ");
            boolean counted = GroupPhrase.COUNTS.containsKey(words[0]) && f.getValue() >= 2;
            int score = f.getValue() * 10 + (counted ? 10000 : 0) - words.length;
            if (score > bestScore) {
                best = f.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    /** "the men" may be any men; a group of men must be named often to be one band. */
    private static int groupMinimum(Candidate group) {
        return Lexicon.GENERIC.contains(group.head) ? 5 : 3;
    }

    /** The sentences that name the character outside quoted speech. */
    private static int narrated(MentionIndex index, String id) {
        int n = 0;
        for (int s = 0; s < index.sentences().size(); s++)
            for (MentionIndex.Mention m : index.mentions(s))
                if (m.explicit()
                        && m.characterId().equals(id)
                        && !index.tokens().get(s).get(m.start()).quoted()) {
                    n++;
                    break;
                }
        return n;
    }

    /**
     * Whether the role is one of a kept group picked out by the group's own noun ("the other sister") or by a bare
     * superlative ("the eldest", which {@link GroupMembers} links only beside its family), and the story goes on
     * with it ({@link GroupMembers#goesOn}).
     */
    private static boolean singledOut(MentionIndex index, String id, Candidate cand, java.util.Set<String> groupNouns) {
        if (!GroupMembers.goesOn(index, id)) return false;
        return GroupMembers.BARE.contains(cand.key)
                || cand.forms.keySet().stream().anyMatch(f -> f.startsWith("other "))
                        && groupNouns.contains(GroupPhrase.fold(cand.key));
    }

    /** Narrated sentences a crowd ("the people") must open to act as one. */
    private static final int CROWD_SENTENCES = 2;

    /** Words that may stand before a sentence's subject: "Then all the people", "But the people". */
    private static final java.util.Set<String> BEFORE_A_SUBJECT =
            java.util.Set.of("then", "but", "so", "and", "now", "all", "the");

    /** The narrated sentences the character opens, as their subject: "The people, however, … followed". */
    private static int openingSentences(MentionIndex index, String id) {
        int n = 0;
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention m : index.mentions(s)) {
                if (!m.explicit()
                        || !m.characterId().equals(id)
                        || ts.get(m.start()).quoted()) continue;
                boolean opens = ts.subList(0, m.start()).stream()
                        .allMatch(t ->
                                BEFORE_A_SUBJECT.contains(t.lower()) || t.text().equals(","));
                if (opens) n++;
                break;
            }
        }
        return n;
    }

    /**
     * Whether the tale's first sentence opens on the character ("The wife of a rich man fell sick; and when she felt
     * that her end drew nigh, she called her only daughter …"); a title in capitals before it is no part of it.
     */
    private static boolean opensTheTale(MentionIndex index, String id) {
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            int k = 0;
            while (k < ts.size()
                    && ts.get(k).isWord()
                    && ts.get(k).text().length() > 1 // not the "A" of "A king and queen once upon a time reigned"
                    && ts.get(k).text().equals(ts.get(k).text().toUpperCase(Locale.ROOT))) k++;
            // a title alone: in capitals, or with no stop at its end ("The Keeper's Daughter")
            if (k == ts.size() || ts.get(ts.size() - 1).isWord()) continue;
            if (k < ts.size() && ts.get(k).lower().equals("the")) k++;
            for (MentionIndex.Mention m : index.mentions(s))
                if (m.explicit()
                        && m.characterId().equals(id)
                        && m.start() == k
                        && !ts.get(k).quoted()) return true;
            return false;
        }
        return false;
    }

    /**
     * Whether the narration brings the character in as "another" of its kind and names it again in the next sentence
     * ("her father had married another wife. This new wife had two daughters of her own"; not Cinderella's mother, "He
     * had likewise, by another wife, a young daughter", never named again).
     */
    private static boolean broughtInAsAnother(MentionIndex index, String id) {
        for (int s = 0; s + 1 < index.sentences().size(); s++) {
            if (index.mentions(s + 1).stream()
                    .noneMatch(m -> m.explicit() && m.characterId().equals(id))) continue;
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention m : index.mentions(s))
                if (m.explicit()
                        && m.characterId().equals(id)
                        && m.start() > 0
                        && ts.get(m.start() - 1).lower().equals("another")
                        && !ts.get(m.start()).quoted()) return true;
        }
        return false;
    }

    /**
     * Whether the narration names the character, tells of it in a clause set off by commas and then goes on with what
     * it does: "the king's armour-bearer, who had heard all, was friendly with the young lord".
     */
    private static boolean toldOfAsItActs(MentionIndex index, String id) {
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention m : index.mentions(s)) {
                int e = m.end();
                if (!m.explicit()
                        || !m.characterId().equals(id)
                        || ts.get(m.start()).quoted()
                        || e + 1 >= ts.size()
                        || !ts.get(e).text().equals(",")
                        || !ts.get(e + 1).lower().equals("who")) continue;
                int k = e + 2;
                while (k < ts.size() && !ts.get(k).text().equals(",")) k++;
                if (k + 1 < ts.size()
                        && ts.get(k + 1).isWord()
                        && !List.of("and", "but", "or", "who")
                                .contains(ts.get(k + 1).lower())) return true;
            }
        }
        return false;
    }

    /** "second son" where the story has a group of sons. */
    private static boolean ordinalMember(String roleKey, java.util.Set<String> groupNouns) {
        String[] w = roleKey.split(" ");
        return w.length == 2 && Lexicon.ORDINALS.contains(w[0]) && groupNouns.contains(GroupPhrase.fold(w[1]));
    }

    /** Whether the character is named right before or after a verb of speech in some sentence. */
    static boolean speaks(MentionIndex index, String id) {
        // "'Beyond the red hills,' he said": a he or she the index gives them speaks for them too
        for (int s = 0; s < index.sentences().size(); s++)
            for (MentionIndex.Mention m : index.mentions(s))
                if (m.characterId().equals(id) && Lexicon.speaker(index.tokens().get(s), m)) return true;
        return false;
    }

    /**
     * Whether the narration names the group and, in that sentence after it or the next one, "they" speak ("said they",
     * "they said") with no other group named between.
     */
    static boolean theySpeakAfter(MentionIndex index, String id, java.util.Set<String> groups) {
        for (int s = 0; s < index.sentences().size(); s++)
            for (MentionIndex.Mention m : index.mentions(s)) {
                if (!m.explicit()
                        || !m.characterId().equals(id)
                        || index.tokens().get(s).get(m.start()).quoted()) continue;
                for (int t = s; t <= Math.min(s + 1, index.sentences().size() - 1); t++) {
                    List<WordToken> ts = index.tokens().get(t);
                    int from = t == s ? m.end() : 0;
                    for (int k = from; k < ts.size(); k++) {
                        if (!ts.get(k).lower().equals("they")) continue;
                        // "said they", "they said": "they" speaking as a named speaker does
                        boolean said = Lexicon.speaker(ts, new MentionIndex.Mention(id, t, k, k + 1, false));
                        if (said && !otherGroupBetween(index, id, groups, s, m.end(), t, k)) return true;
                    }
                }
            }
        return false;
    }

    /** Whether someone else named in the narration between (s, from) and (t, to) could be the "they". */
    private static boolean otherGroupBetween(
            MentionIndex index, String id, java.util.Set<String> groups, int s, int from, int t, int to) {
        for (int u = s; u <= t; u++)
            for (MentionIndex.Mention m : index.mentions(u)) {
                boolean after = u > s || m.start() >= from, before = u < t || m.start() < to;
                if (after
                        && before
                        && m.explicit()
                        && !m.characterId().equals(id)
                        && !index.tokens().get(u).get(m.start()).quoted()
                        && groups.contains(m.characterId())) return true;
            }
        return false;
    }

    /** Quoted words that make a speech more than a line: a tale's told legend, not "Good jams, cheap!". */
    private static final int SPEECH_AT_LENGTH = 30;

    /**
     * Whether the character, named as the speaker, says {@value #SPEECH_AT_LENGTH} words or more in the quote that
     * follows: in its own sentence and the wholly quoted sentences after it.
     */
    static boolean speaksAtLength(MentionIndex index, String id) {
        for (int s = 0; s < index.sentences().size(); s++)
            for (MentionIndex.Mention m : index.mentions(s)) {
                List<WordToken> ts = index.tokens().get(s);
                if (!m.explicit() || !m.characterId().equals(id) || !Lexicon.speaker(ts, m)) continue;
                int words = 0;
                for (int k = m.end(); k < ts.size(); k++)
                    if (ts.get(k).quoted() && ts.get(k).isWord()) words++;
                for (int t = s + 1; t < index.sentences().size() && words < SPEECH_AT_LENGTH; t++) {
                    List<WordToken> next = index.tokens().get(t);
                    if (next.stream().anyMatch(w -> w.isWord() && !w.quoted())) break;
                    words += (int) next.stream().filter(WordToken::isWord).count();
                }
                if (words >= SPEECH_AT_LENGTH) return true;
            }
        return false;
    }

    /** Whether the story brings the character in with "a" or "an" ("an old man told him"): a newcomer. */
    static boolean broughtIn(MentionIndex index, String id) {
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention m : index.mentions(s)) {
                if (!m.explicit() || !m.characterId().equals(id)) continue;
                int j = m.start() - 1;
                // "a very good countryman", "a talking fox"
                while (j >= 0
                        && (Lexicon.ADJECTIVES.contains(ts.get(j).lower())
                                || ts.get(j).lower().equals("very")
                                || (ts.get(j).isWord()
                                        && !ts.get(j).capitalised()
                                        && ts.get(j).lower().matches("[a-z]{2,}ing")))) j--;
                // "a police officer", "a night watchman": a noun saying which kind
                boolean kind = j >= 1
                        && ts.get(j).isWord()
                        && !ts.get(j).capitalised()
                        && !Lexicon.DETERMINERS.contains(ts.get(j).lower())
                        && List.of("a", "an").contains(ts.get(j - 1).lower());
                if (List.of("a", "an").contains(ts.get(m.start()).lower())
                        || j >= 0 && List.of("a", "an").contains(ts.get(j).lower())
                        || kind) return true;
                // "The headman, an old man with a crooked staff, called the people together": told who they are
                if (m.end() + 1 < ts.size()
                        && ts.get(m.end()).text().equals(",")
                        && List.of("a", "an").contains(ts.get(m.end() + 1).lower())) return true;
            }
        }
        return false;
    }

    /** Keeps characters mentioned often enough for their kind; caps the list. */
    private List<StoryCharacter> filter(
            MentionIndex index, List<StoryCharacter> all, List<Candidate> candidates, List<String> warnings) {
        Map<String, Candidate> byId = new HashMap<>();
        for (Candidate c : candidates) {
            byId.putIfAbsent(Slugs.of(c.name != null ? c.name : canonicalRoleName(c)), c);
        }
        Map<String, java.util.Set<Integer>> sentencesOf = new HashMap<>();
        for (StoryCharacter c : all)
            sentencesOf.put(c.id(), new java.util.HashSet<>(index.sentencesMentioning(c.id(), false)));
        // "the son of Mustapha" names Mustapha too, though the index gives the phrase to the son
        for (StoryCharacter c : all) {
            Candidate cand = byId.get(c.id());
            String owner = cand.kind == Kind.RELATIONAL ? Slugs.of(cand.ownerSurface) : null;
            if (owner != null && sentencesOf.containsKey(owner) && byId.get(owner).kind == Kind.NAME)
                sentencesOf.get(owner).addAll(sentencesOf.get(c.id()));
        }
        Map<String, Integer> mentionsOf = new HashMap<>();
        for (StoryCharacter c : all)
            mentionsOf.put(c.id(), sentencesOf.get(c.id()).size());
        java.util.Set<String> groupNouns = new java.util.HashSet<>();
        for (StoryCharacter c : all) {
            Candidate cand = byId.get(c.id());
            if (cand.kind == Kind.GROUP && mentionsOf.get(c.id()) >= groupMinimum(cand))
                groupNouns.add(GroupPhrase.fold(cand.head));
        }
        java.util.Set<String> groupIds = new java.util.HashSet<>();
        for (StoryCharacter c : all) if (c.isGroup()) groupIds.add(c.id());
        List<StoryCharacter> kept = new ArrayList<>();
        for (StoryCharacter c : all) {
            int mentions = mentionsOf.get(c.id());
            Candidate cand = byId.get(c.id());
            int min = switch (cand.kind) {
                case NAME -> shortStory() || cand.forms.keySet().stream().anyMatch(introducedNames::contains) ? 1 : 2;
                case RELATIONAL -> 2;
                // the man a tale opens with is someone from the first sentence; any other "the man" is anyone
                // so is a member the story sets apart from its family twice ("the eldest", "the youngest")
                // a member a story counts out of one of its groups ("the thirteenth fairy") matters once named
                // a step-parent a tale names once is still the one who rules the heroine's house (Cinderella's
                // "the mother-in-law", otherwise "his second wife" and "madam")
                case ROLE ->
                    ordinalMember(cand.key, groupNouns) || STEP_PARENTS.contains(cand.key)
                            ? 1
                            : introduced.contains(cand.key) || GroupMembers.BARE.contains(cand.key)
                                    ? 2
                                    : Lexicon.GENERIC.contains(cand.key) ? 5 : 3;
                case GROUP -> groupMinimum(cand);
            };
            // "the king's armour-bearer, who had heard all, was friendly with the young lord, and informed him of the
            // whole plot": kin or servant of someone the story stops to tell of before it acts is someone of the plot
            if (cand.kind == Kind.RELATIONAL && toldOfAsItActs(index, c.id())) min = 1;
            // "The wife of a rich man fell sick": whom a tale opens on is someone of it, named once or not
            if (cand.kind != Kind.GROUP && opensTheTale(index, c.id())) min = 1;
            // "her father had married another wife": one brought in as another of a kind is new to the story
            if (cand.kind == Kind.ROLE && broughtInAsAnother(index, c.id())) min = Math.min(min, 2);
            // a thing the telling lets speak twice is someone of the story ("the three drops of blood replied")
            if (cand.speaks != null) min = Math.min(min, 2);
            // one of a band sent on an errand and called by what they are at once is someone of the scene
            if (cand.kind == Kind.ROLE && oneOfThem.values().stream().anyMatch(o -> o[0].equals(cand.key)))
                min = Math.min(min, 2);
            // a beast the story goes on telling of as "it" acts, though its noun is said once
            if (cand.kind == Kind.ROLE && goingOnAsIt.containsKey(cand.key)) min = 1;
            // a newcomer who speaks ("there sat an old lady …", "said the old lady") matters in two sentences
            if (cand.kind == Kind.ROLE && min > 2 && speaks(index, c.id()) && broughtIn(index, c.id())) min = 2;
            // and one who tells at length what sends the hero on ("a very good countryman spake to him thus: 'May it
            // please your royal highness, it is now about fifty years …'") matters once
            if (cand.kind == Kind.ROLE && min > 1 && broughtIn(index, c.id()) && speaksAtLength(index, c.id())) min = 1;
            // one of a band singled out at its turn ("Both the sisters were overjoyed … The eldest went first into the
            // room", "let the other sister try") who goes on acting in the sentences after matters once named
            if (cand.kind == Kind.ROLE && min > 1 && singledOut(index, c.id(), cand, groupNouns)) min = 1;
            // a band the telling itself names twice acts in the story ("six footmen", "the guards"); one named only
            // in speech or song ("'Three tailors rode forth'", "we tailors") needs the usual three
            if (cand.kind == Kind.GROUP && min == 3 && narrated(index, c.id()) >= 2) min = 2;
            // a band the telling names once and then lets speak ("The soldiers … were set against the little tailor
            // … 'What is to be the end of this?' they said"): it speaks for itself in the plot
            boolean speaksAsOne = cand.kind == Kind.GROUP && theySpeakAfter(index, c.id(), groupIds);
            if (speaksAsOne && min >= 3) min = 1;
            // "The people, however, who loved him, followed, armed … The people, indeed, looked so threatening that
            // the Sultan gave way": the crowd the telling makes the subject of its sentences acts as one
            boolean crowd = cand.kind == Kind.GROUP
                    && cand.head.equals("person")
                    && openingSentences(index, c.id()) >= CROWD_SENTENCES;
            if (crowd) min = Math.min(min, CROWD_SENTENCES);
            // "the men" may be whoever is about; only men the story keeps counting ("the two men") are a band
            if (cand.kind == Kind.GROUP
                    && ANYONE.contains(cand.head)
                    && 2 * counted(cand) < cand.count()
                    && !crowd
                    && !speaksAsOne) continue;
            if (mentions >= min) {
                kept.add(c.with(c.aliases(), c.gender(), c.role(), mentions));
            }
        }
        kept.sort(MOST_MENTIONED_FIRST);
        if (kept.size() > CROWDED) kept.removeIf(c -> c.mentions() < 3);
        if (kept.size() > MAX_CHARACTERS) {
            warnings.add("story has " + kept.size() + " characters; kept the " + MAX_CHARACTERS + " mentioned most");
            kept = new ArrayList<>(kept.subList(0, MAX_CHARACTERS));
        }
        return kept;
    }
}
