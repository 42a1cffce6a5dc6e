package lemon.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Decides genders the nouns do not state, from subject pronouns: a "he" after "Cassim" votes male
 * for the sentence's first character (usually its subject); a sentence that opens with a pronoun
 * votes, with every later pronoun of that gender, for the previous sentence's only character.
 * Pronouns in quoted speech do not vote. Words that name the gender at a mention ("a man named
 * Anselm", "The youth's name was Curdken") decide over pronouns when they all agree.
 */
final class GenderVotes {
    /** Subject and reflexive pronouns: possessives and objects too often point at someone else. */
    private static final java.util.Set<String> SUBJECT_PRONOUNS = java.util.Set.of("he", "she", "himself", "herself");

    private GenderVotes() {}

    /**
     * The words just before a name that name its gender: a gendered noun it is introduced by ("a man
     * named Anselm Varga", "his sister Clementine") or a title ("Mrs Plum", "King Lear"). Each counts
     * as two votes, as strong as the pronoun majority.
     */
    private static void namingVotes(MentionIndex index, Map<String, Gender> known, Map<String, int[]> votes) {
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention m : index.mentions(s)) {
                if (!m.explicit() || known.get(m.characterId()) != Gender.UNKNOWN) continue;
                int before = m.start() - 1;
                String word =
                        before >= 0 && ts.get(before).isWord() ? ts.get(before).lower() : "";
                String first = ts.get(m.start()).lower(); // "Mrs Okafor" as her name: the title is in the mention
                Gender g = Gender.UNKNOWN;
                if (Lexicon.MALE_TITLES.contains(first)) g = Gender.MALE;
                else if (Lexicon.FEMALE_TITLES.contains(first)) g = Gender.FEMALE;
                else if (Lexicon.isTitle(first) && ts.get(m.start()).capitalised() && m.end() - m.start() > 1)
                    g = Lexicon.genderOfHead(first); // "Lady Ashworth", "King Lear" as the name
                else if (m.end() - m.start() == 2
                        && ts.get(m.end() - 1).capitalised()
                        && Lexicon.TITLES.contains(ts.get(m.end() - 1).lower()))
                    g = Lexicon.genderOfHead(ts.get(m.end() - 1).lower()); // "the Frost King"
                else if (word.isEmpty()) g = Gender.UNKNOWN;
                // "He called himself Jack Reno"
                else if ((word.equals("himself") || word.equals("herself"))
                        && before > 0
                        && Lexicon.NAMING_VERBS.contains(ts.get(before - 1).lower()))
                    g = word.equals("himself") ? Gender.MALE : Gender.FEMALE;
                else if (Lexicon.MALE_TITLES.contains(word)) g = Gender.MALE;
                else if (Lexicon.FEMALE_TITLES.contains(word)) g = Gender.FEMALE;
                else if (Lexicon.NAMING_VERBS.contains(word)
                        && before > 0
                        && ts.get(before - 1).isWord()) {
                    int noun = before - 1; // "a man named X"; "a lanky boy of nineteen called Josh"
                    if (noun >= 2
                            && StoryCues.AGE_NUMBERS.contains(ts.get(noun).lower())
                            && ts.get(noun - 1).lower().equals("of")) noun -= 2;
                    // "the youngest son was called Ivo"
                    if (noun >= 1 && List.of("was", "is").contains(ts.get(noun).lower())) noun--;
                    g = Lexicon.genderOfHead(ts.get(noun).lower());
                } else g = Lexicon.genderOfHead(word); // "his sister Clementine", "Queen Mab"
                if (g == Gender.UNKNOWN) g = kinBeforeComma(ts, before); // "Her grandson, Chen Hao, helped her"
                if (g == Gender.UNKNOWN) g = kinAfterComma(ts, m.end()); // "Zhang Min, Li Wei's daughter, carried"
                if (g == Gender.UNKNOWN) g = listedKin(ts, m.start()); // "twin daughters, Rosie and Ruth"
                if (g == Gender.UNKNOWN) g = epithet(ts, m.end()); // "Tomas the ferryman was a broad man"
                if (g == Gender.UNKNOWN) g = copulaNoun(ts, m.end()); // "Henrik was a tall man"
                if (g == Gender.UNKNOWN) g = nameWas(ts, m.start()); // "The youth's name was Curdken"
                if (g == Gender.UNKNOWN) g = listedAs(ts, m.end()); // "Nkem and Chidi were twins, thin girls"
                if (g == Gender.UNKNOWN) g = eldestOf(index, s, m.start()); // "The eldest, Clay, had a shotgun"
                if (g == Gender.UNKNOWN) continue;
                int[] v = votes.computeIfAbsent(m.characterId(), k -> new int[6]);
                v[g == Gender.MALE ? 0 : 1] += 2;
                v[g == Gender.MALE ? 4 : 5]++;
            }
        }
    }

    /**
     * "Tomas the ferryman was a broad man", "Mustapha the tailor, a poor man": a name's epithet, the person noun after
     * "the", gives its sex, or else what the name and epithet are said to be.
     */
    private static Gender epithet(List<WordToken> ts, int end) {
        if (end + 1 >= ts.size()
                || !ts.get(end).lower().equals("the")
                || !ts.get(end + 1).isWord()
                || ts.get(end + 1).capitalised()
                || !Lexicon.isPersonNoun(ts.get(end + 1).lower())) return Gender.UNKNOWN;
        Gender g = Lexicon.genderOfHead(ts.get(end + 1).lower());
        return g != Gender.UNKNOWN ? g : copulaNoun(ts, end + 2);
    }

    /** The possessives that may own the person noun said of a name ("her grandson, Chen Hao", "Carl, her brother"). */
    private static final java.util.Set<String> OWNERS = java.util.Set.of("his", "her", "their", "my", "our", "your");

    /** "Her grandson, Chen Hao": the gender of an owned person noun and a comma just before the name. */
    private static Gender kinBeforeComma(List<WordToken> ts, int comma) {
        if (comma < 2 || !ts.get(comma).text().equals(",")) return Gender.UNKNOWN;
        int owner = comma - 2;
        // "her little brother, Théo,"
        while (owner > 0
                && comma - owner <= 3
                && Lexicon.ADJECTIVES.contains(ts.get(owner).lower())) owner--;
        if (!OWNERS.contains(ts.get(owner).lower())) return Gender.UNKNOWN;
        return Lexicon.genderOfHead(ts.get(comma - 1).lower());
    }

    /**
     * "Zhang Min, Li Wei's daughter, carried the loaves": the gender of a person noun owned by a name and set off by
     * commas just after the name (owned by a pronoun, "Carl, her brother", the apposition names him by its role).
     */
    private static Gender kinAfterComma(List<WordToken> ts, int comma) {
        if (comma + 3 >= ts.size() || !ts.get(comma).text().equals(",")) return Gender.UNKNOWN;
        int k = comma + 1;
        while (k < ts.size() && ts.get(k).isWord() && ts.get(k).capitalised()) k++;
        if (k == comma + 1 || k + 2 >= ts.size() || ts.get(k).kind() != WordToken.Kind.POSSESSIVE)
            return Gender.UNKNOWN;
        if (!List.of(",", ".").contains(ts.get(k + 2).text())) return Gender.UNKNOWN;
        return Lexicon.genderOfHead(ts.get(k + 1).lower());
    }

    /** "They had twin daughters, Rosie and Ruth": the sex of a plural kin noun the names are listed after. */
    private static Gender listedKin(List<WordToken> ts, int start) {
        String single = listedUnder(ts, start);
        return single == null ? Gender.UNKNOWN : Lexicon.genderOfHead(single);
    }

    /**
     * The person noun, in the singular, of a plural that the name at {@code start} is listed after ("twin daughters,
     * Rosie and Ruth": daughter; "her two apprentices, Pim and Marlo": apprentice), or null.
     */
    static String listedUnder(List<WordToken> ts, int start) {
        int k = start - 1;
        // the second of two names: "…, Rosie and Ruth"
        if (k >= 3 && ts.get(k).lower().equals("and") && ts.get(k - 1).capitalised()) k -= 2;
        if (k < 1 || !ts.get(k).text().equals(",")) return null;
        return Lexicon.singularOfPlural(ts.get(k - 1).lower());
    }

    /**
     * "The Hollister brothers came in. There were three of them, big men in dusty coats. The eldest, Clay, had a
     * shotgun", "the youngest was called Ivo": one singled out by age from the people last named, of their sex (the
     * nearest plural person noun in this sentence and the three before decides; "children" decides nothing: "The
     * brothers were loud young men. They had left after midnight. Calloway walked round to the Bellamy house. The
     * eldest, Victor, opened the door").
     */
    private static Gender eldestOf(MentionIndex index, int s, int start) {
        List<WordToken> ts = index.tokens().get(s);
        int bare; // "The eldest, Clay,"; "The king had three sons, and the youngest was called Ivo"
        if (start >= 2
                && ts.get(start - 1).text().equals(",")
                && GroupMembers.BARE.contains(ts.get(start - 2).lower())) bare = start - 2;
        else if (start >= 3
                && Lexicon.NAMING_VERBS.contains(ts.get(start - 1).lower())
                && List.of("was", "is").contains(ts.get(start - 2).lower())
                && GroupMembers.BARE.contains(ts.get(start - 3).lower())) bare = start - 3;
        else return Gender.UNKNOWN;
        for (int t = s, from = bare - 1; t >= Math.max(0, s - 3); t--) {
            List<WordToken> us = index.tokens().get(t);
            for (int k = Math.min(from, us.size() - 1); k >= 0; k--) {
                String single =
                        us.get(k).isWord() ? Lexicon.singularOfPlural(us.get(k).lower()) : null;
                if (single != null) return Lexicon.genderOfHead(single);
            }
            if (t > 0) from = index.tokens().get(t - 1).size() - 1;
        }
        return Gender.UNKNOWN;
    }

    /**
     * "Ana and Bea were sisters", "Nkem and Chidi were twins, thin girls of fourteen": the sex of the people names
     * listed from {@code end} on are said to be (the plural after "were", or one apposed to it).
     */
    private static Gender listedAs(List<WordToken> ts, int end) {
        int k = CharacterFinder.listedUntilWere(ts, end);
        if (k < 0) return Gender.UNKNOWN;
        boolean apposed = false;
        for (k++; k < ts.size() && k <= end + 14; k++) {
            if (ts.get(k).text().equals(",") && apposed) return Gender.UNKNOWN;
            if (ts.get(k).text().equals(",")) {
                apposed = true;
                continue;
            }
            if (!ts.get(k).isWord()) return Gender.UNKNOWN;
            String single = Lexicon.singularOfPlural(ts.get(k).lower());
            if (single == null) continue;
            Gender g = Lexicon.genderOfHead(single);
            // "were twins, thin girls": an ungendered plural may be said again of a sex
            if (g != Gender.UNKNOWN
                    || apposed
                    || k + 1 >= ts.size()
                    || !ts.get(k + 1).text().equals(",")) return g;
        }
        return Gender.UNKNOWN;
    }

    /** "The youth's name was Curdken", "her name is Juno": the gender of whoever owns the name. */
    private static Gender nameWas(List<WordToken> ts, int start) {
        int k = start - 1;
        if (k < 2
                || !List.of("was", "is").contains(ts.get(k).lower())
                || !ts.get(k - 1).lower().equals("name")) return Gender.UNKNOWN;
        WordToken owner = ts.get(k - 2);
        if (owner.lower().equals("his")) return Gender.MALE;
        if (owner.lower().equals("her")) return Gender.FEMALE;
        if (owner.kind() != WordToken.Kind.POSSESSIVE || k < 3 || !ts.get(k - 3).isWord()) return Gender.UNKNOWN;
        return Lexicon.genderOfHead(ts.get(k - 3).lower());
    }

    /**
     * Whether a sentence opening "He was" or "She was" names a person of that gender: "He was a fat old man", "He was
     * the youngest officer aboard, a slim man with glasses".
     */
    private static boolean saysWhatItIs(List<WordToken> ts, Gender g) {
        if (copulaNoun(ts, 1) == g) return true;
        for (int k = 2; k < Math.min(ts.size(), 10); k++) {
            if (!ts.get(k).isWord() && !ts.get(k).text().equals(",")) return false;
            if (ts.get(k).text().equals(",")) return copulaNoun(ts, k) == g;
        }
        return false;
    }

    /** The gender of the person noun in "… was a tall man", "…, an old woman" right after a mention. */
    private static Gender copulaNoun(List<WordToken> ts, int end) {
        int k = end;
        if (k >= ts.size()
                || !List.of("was", "is", ",").contains(ts.get(k).text().toLowerCase(java.util.Locale.ROOT)))
            return Gender.UNKNOWN;
        k++;
        // "Tariq, who was the cleverest boy in Year Six"
        if (k + 1 < ts.size()
                && ts.get(k - 1).text().equals(",")
                && ts.get(k).lower().equals("who")
                && List.of("was", "is").contains(ts.get(k + 1).lower())) k += 2;
        // "Peggy Dawes was ten, a thin girl": an age said first
        if (k + 2 < ts.size()
                && ts.get(k - 1).lower().equals("was")
                && StoryCues.AGE_NUMBERS.contains(ts.get(k).lower())
                && ts.get(k + 1).text().equals(",")) k += 2;
        // "Henrik was a tall man"; "Carl, her brother, was waiting" (but "the clerk, his wife and maid" is a list)
        if (k >= ts.size()) return Gender.UNKNOWN;
        // "the cleverest boy": a superlative describes as "a" does
        boolean article = List.of("a", "an").contains(ts.get(k).lower()) || StoryCues.superlativeAt(ts, k);
        boolean possessive = OWNERS.contains(ts.get(k).lower());
        if (!article && !possessive) return Gender.UNKNOWN;
        // "Yusuf was a big, bearded man": a comma between describing words
        for (k++;
                k < ts.size()
                        && k < end + 8
                        && (ts.get(k).isWord() || ts.get(k).text().equals(","));
                k++) {
            if (!ts.get(k).isWord()) continue;
            if (k + 1 < ts.size() && List.of("'s", "’s").contains(ts.get(k + 1).lower()))
                continue; // her sister's husband
            // "Brannoch, a giant of a man"
            if (StoryCues.giantOfAMan(ts, k))
                return Lexicon.genderOfHead(ts.get(k + 3).lower());
            // "a big, cheerful Irishwoman", "a tall Dutchman"
            if (ts.get(k).capitalised() && StoryCues.sexOfAPeople(ts.get(k).lower()) != Gender.UNKNOWN)
                return StoryCues.sexOfAPeople(ts.get(k).lower());
            Gender g = Lexicon.genderOfHead(ts.get(k).lower());
            boolean listed = possessive
                    && k + 1 < ts.size()
                    && List.of("and", "or").contains(ts.get(k + 1).lower());
            if (listed) return Gender.UNKNOWN;
            if (g != Gender.UNKNOWN || Lexicon.isPersonNoun(ts.get(k).lower())) return g;
        }
        return Gender.UNKNOWN;
    }

    /** "Cassim's wife" makes Cassim a man, "Gerda's husband" Gerda a woman: two votes, like a naming noun. */
    private static void spouseVotes(
            List<StoryCharacter> characters, Map<String, Gender> known, Map<String, int[]> votes) {
        Map<String, String> idByName = new HashMap<>();
        for (StoryCharacter c : characters) idByName.putIfAbsent(c.name(), c.id());
        for (StoryCharacter c : characters) {
            int apos = c.name().lastIndexOf("'s ");
            if (apos <= 0) continue;
            String owner = idByName.get(c.name().substring(0, apos));
            String rel = c.name().substring(apos + 3).toLowerCase(java.util.Locale.ROOT);
            Gender g = rel.equals("wife") ? Gender.MALE : rel.equals("husband") ? Gender.FEMALE : Gender.UNKNOWN;
            if (owner == null || g == Gender.UNKNOWN || known.get(owner) != Gender.UNKNOWN) continue;
            votes.computeIfAbsent(owner, k -> new int[6])[g == Gender.MALE ? 0 : 1] += 2;
        }
    }

    /**
     * Animals the narration calls "it": an "its" or "itself" after the animal's name in the same sentence, with no
     * one else named in between ("a little bird came and built its nest", "the unicorn … with its horn").
     */
    private static java.util.Set<String> neuterAnimals(MentionIndex index, List<StoryCharacter> characters) {
        java.util.Set<String> animals = new java.util.HashSet<>();
        for (StoryCharacter c : characters) if (StoryCues.animal(c) != null) animals.add(c.id());
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            List<MentionIndex.Mention> ms = index.mentions(s);
            for (int i = 0; i < ms.size(); i++) {
                MentionIndex.Mention m = ms.get(i);
                if (!m.explicit()
                        || !animals.contains(m.characterId())
                        || ts.get(m.start()).quoted()) continue;
                int until = i + 1 < ms.size() ? ms.get(i + 1).start() : ts.size();
                for (int k = m.end(); k < until; k++)
                    if (!ts.get(k).quoted()
                            && List.of("its", "itself").contains(ts.get(k).lower())) {
                        out.add(m.characterId());
                        break;
                    }
            }
        }
        return out;
    }

    /**
     * The index of the last semicolon or colon before token {@code p} outside quotes, or -1; for a subject pronoun also
     * of the comma of a ", and" or ", but" that opens a clause on a name ("Fatima gave Zhang Min a cake, and Li Wei
     * laughed until he cried"; but "Duchess ate his hat" need not be Duchess's).
     */
    private static int clauseStart(List<WordToken> ts, int p, boolean subject) {
        for (int k = p - 1; k >= 0; k--) {
            if (ts.get(k).quoted()) continue;
            if (List.of(";", ":").contains(ts.get(k).text())) return k;
            if (subject
                    && ts.get(k).text().equals(",")
                    && k + 2 < p
                    && List.of("and", "but").contains(ts.get(k + 1).lower())
                    && ts.get(k + 2).isWord()
                    && ts.get(k + 2).capitalised()) return k;
        }
        return -1;
    }

    /** Verbs a report is said, sworn or thought with: "swearing that he", "insisted that she". */
    private static final java.util.Set<String> REPORTING = java.util.Set.of(
            "said",
            "saying",
            "swore",
            "swearing",
            "insisted",
            "insisting",
            "claimed",
            "claiming",
            "thought",
            "knew",
            "promised",
            "promising",
            "admitted",
            "vowed",
            "vowing",
            "declared",
            "declaring",
            "announced");

    /**
     * The character a report's pronoun is about when the one named last before "that" is a clause's subject (a word
     * follows the name, not the report itself: "Teodor asked Amaya whether she …" stays undecided) and a reporting
     * verb, not far on, opens the report; null otherwise.
     */
    private static String reporter(List<WordToken> ts, List<MentionIndex.Mention> ms, int pronoun) {
        int conj = pronoun - 1;
        if (conj < 1
                || !ts.get(conj).lower().equals("that")
                || !REPORTING.contains(ts.get(conj - 1).lower())) return null;
        MentionIndex.Mention last = null;
        for (MentionIndex.Mention m : ms) if (m.end() <= conj) last = m;
        if (last == null || last.end() >= conj - 1 || conj - last.end() > 10) return null;
        WordToken next = ts.get(last.end());
        return next.isWord() && !next.capitalised() && next.kind() != WordToken.Kind.POSSESSIVE
                ? last.characterId()
                : null;
    }

    /** Whether the subject pronoun occurs (outside quotes) before token {@code end}. */
    private static boolean pronounBefore(List<WordToken> ts, int end, String pronoun) {
        for (int k = 0; k < end; k++)
            if (!ts.get(k).quoted() && ts.get(k).lower().equals(pronoun)) return true;
        return false;
    }

    static Map<String, Gender> decide(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, Gender> known = new HashMap<>();
        for (StoryCharacter c : characters) if (!c.isGroup()) known.put(c.id(), c.gender()); // "he" is never a group
        java.util.Set<String> names = new java.util.HashSet<>();
        for (StoryCharacter c : characters) if (CopulaAliases.isProperName(c)) names.add(c.id());
        // per character: {male, female, male from its own sentence, female ditto, male named by words, female ditto}
        Map<String, int[]> votes = new TreeMap<>();
        namingVotes(index, known, votes);
        spouseVotes(characters, known, votes);
        java.util.Set<String> machines = new java.util.HashSet<>();
        for (StoryCharacter c : characters) if (StoryCues.machine(c)) machines.add(c.id());
        String previousOnly = null;
        Gender previousGender = null; // the pronoun that voted for previousOnly in its own sentence
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            List<MentionIndex.Mention> ms = index.mentions(s).stream()
                    .filter(MentionIndex.Mention::explicit)
                    .toList();
            Map<Gender, String> carried = new HashMap<>(); // referent of a sentence-opening pronoun
            Map<String, Gender> votedHere = new HashMap<>(); // after a "he" about someone, a "she" is someone else

            // "She then told Abdallah, her fellow-slave": a pronoun before the first name is the sentence's subject
            boolean heFirst = !ms.isEmpty() && pronounBefore(ts, ms.get(0).start(), "he"),
                    sheFirst = !ms.isEmpty() && pronounBefore(ts, ms.get(0).start(), "she");
            for (int p = 0; p < ts.size(); p++) {
                WordToken t = ts.get(p);
                if (!t.isWord() || t.quoted()) continue;
                // "Pippa promised to guard it with her life", "Abdallah took his tabor and played before Morgiana":
                // with no one else named before it, a possessive is the subject's
                final int at = p;
                // "the butler had the jug at his lips; the maid sat …; and the cook … was holding up her hand, as if
                // she …": past a semicolon, the clause's own names are the ones to look at, when it has any
                int clause = clauseStart(ts, p, SUBJECT_PRONOUNS.contains(t.lower()));
                List<MentionIndex.Mention> own = ms.stream()
                        .filter(m -> m.start() > clause && m.start() < at)
                        .toList();
                List<MentionIndex.Mention> near = own.isEmpty() ? ms : own;
                boolean possessive = (t.lower().equals("his") || t.lower().equals("her"))
                        && p + 1 < ts.size()
                        && ts.get(p + 1).isWord()
                        && !Lexicon.DETERMINERS.contains(ts.get(p + 1).lower())
                        && !ms.isEmpty()
                        && ms.get(0).start() < p
                        && near.stream()
                                        .filter(m -> m.start() < at)
                                        .map(MentionIndex.Mention::characterId)
                                        .distinct()
                                        .count()
                                == 1
                        // the "she" before the name owns the "her"
                        && !(t.lower().equals("his") ? heFirst : sheFirst);
                if (!SUBJECT_PRONOUNS.contains(t.lower()) && !possessive) continue;
                // "Teodor asked Amaya whether she would come": after two people and a "whether"/"that", the
                // pronoun may be either one's; it does not vote
                boolean reported = p > 0
                        && List.of("whether", "that", "if")
                                .contains(ts.get(p - 1).lower())
                        // "holding up her hand, as if she was going to beat the boy" is no report
                        && !(p > 1 && ts.get(p - 2).lower().equals("as"))
                        && ms.stream()
                                        .filter(m -> m.end() <= at)
                                        .map(MentionIndex.Mention::characterId)
                                        .distinct()
                                        .count()
                                >= 2;
                // but "… and Dacre was standing at the rail swearing that he had never …": the one whose clause the
                // report closes, with its verb after the name and no one named between, is whom it is about
                String reporter = reported ? reporter(ts, ms, p) : null;
                if (reported && reporter == null) continue;
                Gender g = Lexicon.MALE_PRONOUNS.contains(t.lower()) ? Gender.MALE : Gender.FEMALE;
                String voter = null;
                boolean inSentence = false;
                if (reporter != null) {
                    Gender k = known.get(reporter);
                    if (k != Gender.UNKNOWN && k != g) continue;
                    voter = reporter;
                    inSentence = true;
                } else if (carried.containsKey(g)) {
                    voter = carried.get(g);
                } else if (ms.isEmpty() || ms.get(0).start() > p) {
                    // "The slaughterer said he would …" then "… she said": not the one a "he" was just about
                    voter = previousGender == null || previousGender == g ? previousOnly : null;
                    carried.put(g, voter);
                    // "In the morning the Judge rode into town. He was a fat old man": the sentence opens with the
                    // pronoun and says what it is, as a naming noun would; "'It's repeating,' said Lieutenant Sato.
                    // He was the youngest officer aboard": a name's only pronoun, opening the next sentence
                    if (voter != null && p == 0 && known.get(voter) == Gender.UNKNOWN && saysWhatItIs(ts, g)) {
                        int[] v = votes.computeIfAbsent(voter, k -> new int[6]);
                        v[g == Gender.MALE ? 4 : 5]++;
                    }
                } else {
                    // The sentence's (or the clause's) first compatible character, usually its subject.
                    inSentence = true;
                    for (MentionIndex.Mention m : near) {
                        Gender k = known.get(m.characterId());
                        if (m.end() <= p && (k == Gender.UNKNOWN || k == g)) {
                            voter = m.characterId();
                            break;
                        }
                    }
                }
                if (voter != null && votedHere.getOrDefault(voter, g) != g) continue;
                if (voter != null && known.get(voter) == Gender.UNKNOWN) {
                    // a subject pronoun says who the person is; "her" after a name is often someone else's
                    if (SUBJECT_PRONOUNS.contains(t.lower())) votedHere.put(voter, g);
                    int[] v = votes.computeIfAbsent(voter, k -> new int[6]);
                    v[g == Gender.MALE ? 0 : 1]++;
                    if (inSentence) v[g == Gender.MALE ? 2 : 3]++;
                }
            }
            // someone named only in speech ("Then let the slaughterer cut off the head") is not whom the
            // narration's next "she" is about
            var ids = ms.stream()
                    .filter(m -> !ts.get(m.start()).quoted())
                    .map(MentionIndex.Mention::characterId)
                    .collect(java.util.stream.Collectors.toSet());
            // its subject is someone before, so the next sentence's "she" need not be the one character it names
            // ("Everyone called him the Chief, even the robot. He wore a green jumper": a machine is no such one, its
            // sex is said in its own sentence or not at all)
            previousOnly = ids.size() == 1
                            && !heFirst
                            && !sheFirst
                            && !machines.contains(ids.iterator().next())
                    ? ids.iterator().next()
                    : null;
            previousGender = previousOnly == null ? null : votedHere.get(previousOnly);
        }
        java.util.Set<String> neuter = neuterAnimals(index, characters);
        Map<String, Gender> out = new TreeMap<>();
        for (Map.Entry<String, int[]> e : votes.entrySet()) {
            if (!known.containsKey(e.getKey())) continue;
            int m = e.getValue()[0], f = e.getValue()[1];
            // "a little bird came and built its nest": the story calls it "it", so a nearby "she" is someone else
            if (neuter.contains(e.getKey()) && e.getValue()[4] == 0 && e.getValue()[5] == 0) continue;
            // A single vote decides only for a proper name, when it came from the name's own sentence and
            // none disagrees: a short story may give a name one "she". A role noun ("the butler") is often
            // the object the pronoun skips past, and a pronoun carried from the sentence before is weaker.
            boolean name = names.contains(e.getKey());
            boolean sureMale = name && e.getValue()[2] > 0, sureFemale = name && e.getValue()[3] > 0;
            // the story naming the gender ("The youth's name was Curdken") outweighs any count of pronouns,
            // which a girl sharing his sentences ("she called out … Curdken ran up to her") tips the other way
            int namedMale = e.getValue()[4], namedFemale = e.getValue()[5];
            if (namedMale > 0 && namedFemale == 0) out.put(e.getKey(), Gender.MALE);
            else if (namedFemale > 0 && namedMale == 0) out.put(e.getKey(), Gender.FEMALE);
            else if ((m >= 2 && m >= 2 * f) || (m == 1 && f == 0 && sureMale)) out.put(e.getKey(), Gender.MALE);
            else if ((f >= 2 && f >= 2 * m) || (f == 1 && m == 0 && sureFemale)) out.put(e.getKey(), Gender.FEMALE);
            // "Albert does not. 'Aren't you coming?' she calls … Albert shakes his head": a name's own sentences say
            // only one gender, and a pronoun carried from a sentence before (in talk, often the other speaker's)
            // says the other no more often
            else if (sureMale && e.getValue()[3] == 0 && m >= f) out.put(e.getKey(), Gender.MALE);
            else if (sureFemale && e.getValue()[2] == 0 && f >= m) out.put(e.getKey(), Gender.FEMALE);
        }
        return out;
    }
}
