package lemon.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Where each character is mentioned, sentence by sentence. Works from any character list (the
 * offline analyst's or an LLM's): names and aliases are matched as token sequences (longest
 * first; capitalised forms case-sensitively, role forms like "captain" in any case), "his wife"
 * resolves to "Cassim's wife" when "his" is Cassim, and he/she/him/her resolve to the most recent
 * character of a compatible gender in the same or the two previous sentences (one of no known sex
 * named in the same sentence is compatible, and nearer than any named before it; an object him or her
 * skips the subject of its own clause).
 */
public final class MentionIndex {
    /** One reference to a character: tokens [start, end) of sentence {@code sentence}. */
    public record Mention(String characterId, int sentence, int start, int end, boolean explicit) {}

    /**
     * Who speaks the sentence's quote and whom they say it to, where the narration tells (null where not); {@code
     * from} is the sentence the speech began in.
     */
    record Speech(String speaker, String addressee, int from) {}

    private static final Speech NO_SPEECH = new Speech(null, null, -1);

    /** "his wife" where "his" is {@code ownerId} and no character is that owner's wife. */
    record Unclaimed(String ownerId, String noun, int sentence) {}

    private static final int PRONOUN_WINDOW = 2;

    private static final Set<String> SPOUSES = Set.of("wife", "husband");
    private static final Set<String> FORMER = Set.of("first", "late", "former", "dead");

    private final List<String> sentences;
    private final List<List<WordToken>> tokens;
    private final List<StoryCharacter> characters;
    private final List<Speech> speeches;
    private final List<List<Mention>> bySentence;

    private MentionIndex(
            List<String> sentences,
            List<List<WordToken>> tokens,
            List<StoryCharacter> characters,
            List<List<Mention>> bySentence,
            List<Unclaimed> unclaimed,
            List<Speech> speeches) {
        this.sentences = sentences;
        this.tokens = tokens;
        this.characters = characters;
        this.bySentence = bySentence;
        this.unclaimed = unclaimed;
        this.speeches = speeches;
    }

    public static MentionIndex build(String text, List<StoryCharacter> characters) {
        List<String> sentences = Sentences.split(text);
        List<List<WordToken>> tokens = new ArrayList<>();
        for (String s : sentences) tokens.add(WordTokenizer.tokenize(s));
        return build(sentences, tokens, characters);
    }

    static MentionIndex build(List<String> sentences, List<List<WordToken>> tokens, List<StoryCharacter> characters) {
        Matcher matcher = new Matcher(characters);
        List<List<Mention>> bySentence = new ArrayList<>();
        List<Mention> recent = new ArrayList<>();
        List<Speech> speeches = new ArrayList<>();
        for (int s = 0; s < tokens.size(); s++) {
            List<WordToken> ts = tokens.get(s);
            List<Mention> found = new ArrayList<>();
            matcher.newSentence();
            int i = 0;
            while (i < ts.size()) {
                int end = matcher.matchAt(ts, i, s, found, recent);
                i = end > i ? end : i + 1;
            }
            bySentence.add(List.copyOf(found));
            speeches.add(matcher.endSentence(ts, found, s));
            int from = s - PRONOUN_WINDOW;
            recent.removeIf(m -> m.sentence() < from);
        }
        return new MentionIndex(
                sentences,
                tokens,
                List.copyOf(characters),
                List.copyOf(bySentence),
                List.copyOf(matcher.unclaimed),
                List.copyOf(speeches));
    }

    /**
     * Whom the quote in sentence s is said to: the one the narration names ("said he to him"), the one a reply
     * answers, or else the one other person the speech began beside ("She said: 'I will willingly go away with
     * you …'" after a sentence about her and the prince alone); null where no one is clear or nothing is quoted.
     */
    public String addresseeOf(int s) {
        Speech speech = speeches.get(s);
        if (speech.speaker() == null || !WordTokenizer.hasQuoteMark(tokens.get(s)) && speech.from() == s) return null;
        if (speech.addressee() != null) return speech.addressee();
        // the speech's own narration first, then up to three sentences before it
        for (int q = speech.from(); q >= 0 && q >= speech.from() - 3; q--) {
            Set<String> others = new LinkedHashSet<>();
            for (Mention m : bySentence.get(q)) {
                WordToken first = tokens.get(q).get(m.start());
                // "the names of his father": a relation named in passing is no one spoken to
                if (first.quoted()
                        || m.characterId().equals(speech.speaker())
                        || (m.explicit() && List.of("his", "her", "their").contains(first.lower()))) continue;
                others.add(m.characterId());
            }
            if (others.isEmpty()) continue;
            String other = others.size() == 1 ? others.iterator().next() : null;
            // "'I saw Lotte, and your dress is gone,' said Greta": one the speech names is spoken of, not to
            return other == null || namedInQuote(speech.from(), other) || namedInQuote(s, other) ? null : other;
        }
        return null;
    }

    /**
     * Who goes on speaking in sentence s a speech begun in an earlier sentence ("The tailor said: 'I fear one
     * unicorn still less than two giants. Seven at one blow, is my kind of affair.'": the tailor, in the second), else
     * null.
     */
    public String speakerGoingOn(int s) {
        Speech speech = speeches.get(s);
        return speech.from() >= 0 && speech.from() < s ? speech.speaker() : null;
    }

    /** Whom the narration says the quote in sentence s is said to ("said to her"), else null. */
    String namedAddresseeOf(int s) {
        return speeches.get(s).addressee();
    }

    private boolean namedInQuote(int s, String id) {
        for (Mention m : bySentence.get(s))
            if (m.explicit()
                    && m.characterId().equals(id)
                    && tokens.get(s).get(m.start()).quoted()) return true;
        return false;
    }

    private final List<Unclaimed> unclaimed;

    /** Kin phrases after a resolved possessive pronoun that no character claims, in text order. */
    List<Unclaimed> unclaimed() {
        return unclaimed;
    }

    public List<String> sentences() {
        return sentences;
    }

    public List<List<WordToken>> tokens() {
        return tokens;
    }

    public List<StoryCharacter> characters() {
        return characters;
    }

    /** All mentions in sentence s, in text order. */
    public List<Mention> mentions(int s) {
        return bySentence.get(s);
    }

    /** Ids of the characters referred to in sentence s (explicitly, or also by pronoun). */
    public Set<String> charactersIn(int s, boolean withPronouns) {
        Set<String> ids = new LinkedHashSet<>();
        for (Mention m : bySentence.get(s)) {
            if (m.explicit() || withPronouns) ids.add(m.characterId());
        }
        return ids;
    }

    /** Indices of the sentences mentioning the character (explicitly, or also by pronoun). */
    public List<Integer> sentencesMentioning(String id, boolean withPronouns) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < bySentence.size(); s++) {
            for (Mention m : bySentence.get(s)) {
                if (m.characterId().equals(id) && (m.explicit() || withPronouns)) {
                    out.add(s);
                    break;
                }
            }
        }
        return out;
    }

    /** The words "the first", "the second" and "the other" of a pair end in. */
    private static final java.util.Set<String> PAIR_MEMBERS = java.util.Set.of("first", "second", "other");

    /**
     * "the other" at i standing alone as one of a pair: before punctuation, a quote or a verb of speech ("said the
     * other", "cried the other 'Why …'", "threw a stone down on the second."), not before a word it qualifies.
     */
    static boolean barePairMember(List<WordToken> ts, int i) {
        if (i + 1 >= ts.size()
                || !ts.get(i).lower().equals("the")
                || !PAIR_MEMBERS.contains(ts.get(i + 1).lower())) return false;
        if (i + 2 >= ts.size()) return true;
        WordToken next = ts.get(i + 2);
        return !next.isWord() || next.quoted() || Lexicon.SPEECH_VERBS.contains(next.lower());
    }

    /** Verbs that report what someone believes of another: "thought that", "believed that". */
    private static final Set<String> THINKING =
            Set.of("thought", "believed", "supposed", "fancied", "imagined", "knew", "felt", "saw");

    /**
     * For a he or she right after a comma, where the clause before ends on what someone thought of another ("X
     * thought that Y was asleep, he …"), X; else null. The one thought of is asleep, away or unaware in that
     * clause, not the one who acts next.
     */
    static String thinkerBefore(List<WordToken> ts, int i, List<Mention> found) {
        if (i == 0 || !ts.get(i - 1).text().equals(",") || found.size() < 2) return null;
        Mention thought = found.get(found.size() - 1);
        if (!thought.explicit()) return null;
        int k = thought.start() - 1;
        while (k > 0
                && !ts.get(k).lower().equals("that")
                && (Lexicon.DETERMINERS.contains(ts.get(k).lower())
                        || Lexicon.ADJECTIVES.contains(ts.get(k).lower()))) k--;
        if (k < 2
                || !ts.get(k).lower().equals("that")
                || !THINKING.contains(ts.get(k - 1).lower())) return null;
        Mention thinker = found.get(found.size() - 2);
        boolean right = thinker.explicit()
                && thinker.end() == k - 1
                && !thinker.characterId().equals(thought.characterId());
        return right ? thinker.characterId() : null;
    }

    /** Matches surface forms, relational phrases and pronouns against a sentence's tokens. */
    private static final class Matcher {
        /** Surface forms by their first token (lower case), longest first. */
        private final Map<String, List<Form>> forms = new HashMap<>();

        private final Map<String, Gender> genders = new HashMap<>();
        /** "ownerId|rel" of relational characters ("cassim|wife") to their id. */
        private final Map<String, String> relational = new HashMap<>();
        /** The other way: a relational character's id → {its owner's id, the relation}. */
        private final Map<String, String[]> relationOf = new HashMap<>();
        /** Role characters by their head noun, the fallback for "her stepmother". */
        private final Map<String, String> roleByNoun = new HashMap<>();

        /** {@code capitals[k]}: word k must be capitalised in the text (it is a proper name). */
        private record Form(List<String> words, boolean[] capitals, String id) {}

        /** Animals: a he or she in their sentence is not theirs for being the nearest of no known sex. */
        private final Set<String> animals = new java.util.HashSet<>();

        /** Animals the story has called "it" so far: no he, she, him or her is theirs. */
        private final Set<String> neuter = new java.util.HashSet<>();

        /** The first-person narrator's id, where the cast has one. */
        private String narrator;

        Matcher(List<StoryCharacter> characters) {
            for (StoryCharacter c : characters) {
                if (c.id().equals(CharacterFinder.NARRATOR)) narrator = c.id();
                if (!c.isGroup()) genders.put(c.id(), c.gender()); // "she" is never a whole group
                if (StoryCues.animal(c) != null) animals.add(c.id());
                Set<String> surfaces = new LinkedHashSet<>();
                surfaces.add(c.name());
                surfaces.addAll(c.aliases());
                for (String surface : surfaces) addForm(surface, c.id());
                for (String surface : surfaces) for (String same : sameAge(surface)) addForm(same, c.id());
            }
            for (List<Form> list : forms.values()) {
                list.sort((a, b) -> b.words.size() - a.words.size());
            }
            for (StoryCharacter c : characters) {
                String name = stripArticle(c.name());
                int apos = name.lastIndexOf("'s ");
                if (apos > 0) {
                    String owner = name.substring(0, apos);
                    String rel = name.substring(apos + 3).toLowerCase(Locale.ROOT);
                    String ownerId = idOfSurface(owner);
                    if (ownerId != null && relational.putIfAbsent(ownerId + "|" + lastWord(rel), c.id()) == null)
                        relationOf.put(c.id(), new String[] {ownerId, lastWord(rel)});
                } else if (!Character.isUpperCase(name.isEmpty() ? 'x' : name.charAt(0))) {
                    roleByNoun.putIfAbsent(lastWord(name.toLowerCase(Locale.ROOT)), c.id());
                }
            }
        }

        private static final List<String> OLD = List.of("old", "ancient", "aged", "elderly");

        /**
         * "the old woman" said as "an ancient dame" (Hansel and Grettel's witch, "an ancient dame leaning on a staff
         * hobbled out"): an old man's or woman's name in the other words for old, and a woman's as a dame.
         */
        private static List<String> sameAge(String surface) {
            String[] w = stripArticle(surface).toLowerCase(Locale.ROOT).split(" ");
            if (w.length != 2
                    || !OLD.contains(w[0])
                    || !List.of("man", "woman", "dame").contains(w[1])) return List.of();
            List<String> nouns = w[1].equals("man") ? List.of("man") : List.of("woman", "dame");
            List<String> out = new ArrayList<>();
            for (String a : OLD) for (String n : nouns) if (!(a.equals(w[0]) && n.equals(w[1]))) out.add(a + " " + n);
            return out;
        }

        private void addForm(String surface, String id) {
            String s = stripArticle(surface.replace('’', '\''));
            List<WordToken> ts = WordTokenizer.tokenize(s);
            List<String> words = new ArrayList<>();
            List<Boolean> caps = new ArrayList<>();
            for (WordToken t : ts) {
                if (t.kind() == WordToken.Kind.WORD || t.kind() == WordToken.Kind.POSSESSIVE) {
                    words.add(t.lower());
                    caps.add(t.capitalised());
                }
            }
            if (words.isEmpty()) return;
            boolean[] capitals = new boolean[caps.size()];
            for (int k = 0; k < capitals.length; k++) capitals[k] = caps.get(k);
            forms.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(new Form(List.copyOf(words), capitals, id));
        }

        /** "Her name was Vivian Sharpe", "his name is Tobias": the one whose name a possessive at i introduces. */
        private String nameSaidAfter(List<WordToken> ts, int i) {
            if (i + 3 >= ts.size() || !Lexicon.nameToldBefore(ts, i + 3)) return null;
            for (Form f : forms.getOrDefault(ts.get(i + 3).lower(), List.of())) if (matches(ts, i + 3, f)) return f.id;
            return null;
        }

        private String idOfSurface(String surface) {
            List<WordToken> ts = WordTokenizer.tokenize(surface);
            for (Form f : forms.getOrDefault(ts.isEmpty() ? "" : ts.get(0).lower(), List.of())) {
                if (f.words.size() == ts.size() && matches(ts, 0, f)) return f.id;
            }
            return null;
        }

        final List<Unclaimed> unclaimed = new ArrayList<>();

        /** Characters named in the current sentence as a relation of another ("her godmother") → that other. */
        private final Map<String, String> relationOwners = new HashMap<>();

        /** Who spoke the sentence before, where it was wholly the end of a speech begun earlier (set as it ends). */
        private String previousQuotedSpeaker;

        /** Who the sentence before was about (its opening name or he/she), and who this one is about so far. */
        private String previousSubject, subject;

        private boolean subjectSeen;

        /** The sexes of those named in the sentence before, and in this one so far. */
        private Set<Gender> previousNamed = java.util.EnumSet.noneOf(Gender.class),
                named = java.util.EnumSet.noneOf(Gender.class);

        /** The owner of the last relation said by a possessive ("her father") and where its phrase ends. */
        private String relationOwner;

        private int relationEnd;

        /** Who speaks the quote the sentence before left open. */
        private String openQuoteSpeaker;

        /**
         * Follows a speech over sentences: "The tailor said: 'I fear one unicorn still less than two giants. Seven at
         * one blow, is my kind of affair.' He took a rope and an axe" — the he is the one who spoke.
         */
        Speech endSentence(List<WordToken> ts, List<Mention> found, int s) {
            previousQuotedSpeaker = null;
            if (ts.isEmpty()) return NO_SPEECH;
            boolean marks = WordTokenizer.hasQuoteMark(ts);
            boolean continues = WordTokenizer.beganInQuote(ts) || (openQuoteSpeaker != null && !marks);
            String speaker = continues ? openQuoteSpeaker : null;
            String addressee = continues ? openQuoteAddressee : null;
            int from = continues ? openQuoteFrom : s;
            if (speaker == null)
                for (Mention m : found)
                    if (!ts.get(m.start()).quoted() && Lexicon.speaker(ts, m)) {
                        speaker = m.characterId();
                        addressee = addressee(ts, found, m);
                        break;
                    }
            // "'… and you must catch it first.' 'I fear one unicorn still less than two giants.'": a new quote no
            // one is named to say answers the last speech, and is said by the one it was said to
            boolean reply = false;
            if (speaker == null && !continues && ts.get(0).kind() == WordToken.Kind.QUOTE_OPEN && turnTo != null) {
                speaker = turnTo;
                addressee = turnFrom;
                reply = true;
            }
            if (!marks && !continues) turnFrom = turnTo = null; // narration between ends the exchange
            else if (speaker != null && !continues) {
                turnFrom = speaker;
                turnTo = addressee;
            }
            boolean open = WordTokenizer.endsInQuote(ts) || (continues && !marks);
            boolean wholly = ts.stream().allMatch(WordToken::quoted) || (continues && !marks);
            openQuoteSpeaker = open ? speaker : null;
            openQuoteAddressee = open ? addressee : null;
            openQuoteFrom = from;
            previousQuotedSpeaker = wholly && (continues || reply) ? speaker : null;
            return new Speech(speaker, addressee, from);
        }

        /** Whom the open quote is said to, and the sentence it began in. */
        private String openQuoteAddressee;

        private int openQuoteFrom;

        /** The speaker and whom they speak to in the exchange going on ("said he to him"), for the reply. */
        private String turnFrom, turnTo;

        /** "said he to him", "said the king to the tailor": the one a speech verb near the speaker says it to. */
        private static String addressee(List<WordToken> ts, List<Mention> found, Mention speaker) {
            for (Mention o : found) {
                if (o == speaker
                        || o.characterId().equals(speaker.characterId())
                        || ts.get(o.start()).quoted()) continue;
                int to = o.start() - 1;
                while (to >= 0 && Lexicon.DETERMINERS.contains(ts.get(to).lower())) to--; // "to the tailor"
                if (to < 1 || !ts.get(to).lower().equals("to")) continue;
                for (int k = Math.max(0, to - 3); k < to; k++)
                    if (Lexicon.SPEECH_VERBS.contains(ts.get(k).lower())) return o.characterId();
            }
            return null;
        }

        /** A relation's hold on pronouns ends with its sentence. */
        void newSentence() {
            previousStrangers = lastTokens == null
                    ? java.util.EnumSet.noneOf(Gender.class)
                    : strangers(lastTokens, lastTokens.size());
            // "She bought the smallest bowl … 'Keep it safe,' she whispered": still the stranger
            previousStrangers.addAll(strangersGoingOn);
            previousTokens = lastTokens;
            strangersGoingOn.clear();
            lastTokens = null;
            relationOwners.clear();
            relationOwner = null;
            previousNamed = named;
            named = java.util.EnumSet.noneOf(Gender.class);
            previousSubject = subject;
            subject = null;
            previousLastOfSex = lastOfSex;
            lastOfSex = new java.util.EnumMap<>(Gender.class);
            previousReferred = referred;
            referred = java.util.EnumSet.noneOf(Gender.class);
            subjectSeen = false;
        }

        /** The sentence being read, and the sexes of the strangers the one before it brought in. */
        private List<WordToken> lastTokens;

        /** The sentence before, where it had a mention. */
        private List<WordToken> previousTokens;

        private Set<Gender> previousStrangers = Set.of();

        /** Sexes of the pronouns of this sentence left to a stranger. */
        private final Set<Gender> strangersGoingOn = java.util.EnumSet.noneOf(Gender.class);

        private static final Set<String> STRANGER_NOUNS =
                Set.of("man", "woman", "boy", "girl", "lady", "gentleman", "youth", "maiden", "lad", "lass");

        /**
         * The sexes of the people the narration brings in before token {@code end} without naming them, a man or
         * woman no character is: "a veiled woman", "an old man".
         */
        private Set<Gender> strangers(List<WordToken> ts, int end) {
            Set<Gender> out = java.util.EnumSet.noneOf(Gender.class);
            for (int k = 1; k < end; k++)
                if (strangerAt(ts, k)) out.add(Lexicon.genderOf(ts.get(k).lower()));
            return out;
        }

        /**
         * Who a he or she would last stand for, by sex, in the sentence before and in this one so far: a character's
         * id, {@link #STRANGER_NAMED} for a stranger just brought in ("an old man in a grey coat") or
         * {@link #STRANGER_SAID} for one a pronoun already stood for.
         */
        private Map<Gender, String> previousLastOfSex = new java.util.EnumMap<>(Gender.class),
                lastOfSex = new java.util.EnumMap<>(Gender.class);

        /** (No character's id has a space.) */
        private static final String STRANGER_NAMED = "a stranger", STRANGER_SAID = "a stranger said";

        /** The sexes of the cast the sentence before told of, by name or pronoun, and this one so far. */
        private Set<Gender> previousReferred = java.util.EnumSet.noneOf(Gender.class),
                referred = java.util.EnumSet.noneOf(Gender.class);

        /** A man or woman brought in with "a" or "an" whom no character's name or alias calls so: "an old man". */
        private boolean strangerAt(List<WordToken> ts, int k) {
            String w = ts.get(k).lower();
            if (!STRANGER_NOUNS.contains(w) || ts.get(k).quoted() || forms.containsKey(w)) return false;
            // ("after a time the maiden sat down": the maiden is someone known; "The clerk was a tall woman; her name
            // tag read Ms Okoro": what someone is said to be is no one new)
            for (int j = k - 1; j >= Math.max(0, k - 3) && ts.get(j).isWord(); j--) {
                if (List.of("a", "an").contains(ts.get(j).lower()))
                    return j == 0 || !BE.contains(ts.get(j - 1).lower());
                if (Lexicon.DETERMINERS.contains(ts.get(j).lower())) return false;
            }
            return false;
        }

        /**
         * "At the end of the street an old man in a grey coat was feeding the pigeons. He told the inspector that he
         * had seen a young woman with a long case under her arm … 'She went into the pawnshop,' he said": a pronoun
         * of the stranger's sex is the stranger's (no one of the cast) where the stranger is the last of that sex the
         * sentence before told of and this one has named no one of it yet; within one sentence only a his, her or
         * him just after the stranger is brought in ("The king met an old man and he gave him gold" is the king's
         * he), and whatever follows a pronoun already the stranger's.
         */
        private boolean strangersTurn(Gender sex, String pronoun) {
            String here = lastOfSex.get(sex);
            // ("… his skin suddenly fell off, and a beautiful man stood beside them … 'I am a king's son,' he said",
            // "he roamed … to the desert where Rapunzel, with the twins …, a boy and a girl, lived. He heard a voice":
            // where the sentence before also told of one of the cast of that sex, the stranger may be them, or no one)
            if (here == null)
                return STRANGER_SAID.equals(previousLastOfSex.get(sex))
                        || STRANGER_NAMED.equals(previousLastOfSex.get(sex)) && !previousReferred.contains(sex);
            if (here.equals(STRANGER_SAID)) return true;
            return here.equals(STRANGER_NAMED) && !List.of("he", "she").contains(pronoun);
        }

        /** Words that may open a sentence before its subject: "Then he", "But she", "At last he". */
        private static final Set<String> OPENERS =
                Set.of("then", "but", "so", "and", "now", "soon", "at", "last", "later", "still", "yet", "meanwhile");

        /** Whether token i stands where a sentence's subject does: at its start, after opening words only. */
        private static boolean subjectPosition(List<WordToken> ts, int i) {
            // "A grey owl, …": the mention's own article and describing words stand before it (only when the walk
            // back ends on an article or at the sentence's start: "Then old Tom" keeps "Then" as its opener)
            int from = i;
            while (from > 0
                    && (Lexicon.DETERMINERS.contains(ts.get(from - 1).lower())
                            || Lexicon.ADJECTIVES.contains(ts.get(from - 1).lower()))) from--;
            if (from < i
                    && from > 0
                    && !Lexicon.DETERMINERS.contains(ts.get(from).lower())) from = i;
            i = from;
            for (int k = 0; k < i; k++) {
                WordToken t = ts.get(k);
                if (t.isWord() ? !OPENERS.contains(t.lower()) : !t.text().equals(",")) return false;
            }
            return i < ts.size() && !ts.get(i).quoted();
        }

        /** Notes the sentence's subject: the first mention in subject position that owns nothing. */
        private void noteSubject(List<WordToken> ts, Mention m) {
            if (subjectSeen) return;
            subjectSeen = true;
            boolean owner = m.explicit()
                    ? m.end() < ts.size() && ts.get(m.end()).kind() == WordToken.Kind.POSSESSIVE
                    : !List.of("he", "she").contains(ts.get(m.start()).lower());
            if (!owner && subjectPosition(ts, m.start())) subject = m.characterId();
        }

        /** Tries to match a reference at token i; records it and returns the end, or i. */
        int matchAt(List<WordToken> ts, int i, int s, List<Mention> found, List<Mention> recent) {
            lastTokens = ts;
            WordToken t = ts.get(i);
            if (!t.isWord()) return i;
            String lower = t.lower();
            if (strangerAt(ts, i)) lastOfSex.put(Lexicon.genderOf(lower), STRANGER_NAMED);
            for (Form f : forms.getOrDefault(lower, List.of())) {
                if (matches(ts, i, f)) {
                    int end = i + f.words.size();
                    // "the slave Morgiana" mentions Morgiana, not a second character "slave".
                    if (!f.capitals[0] && end < ts.size() && startsName(ts.get(end))) continue;
                    // "said the other" is one of two giants; "the other side" is no one
                    if (f.words.size() == 1
                            && PAIR_MEMBERS.contains(f.words.get(0))
                            && (i == 0 || !barePairMember(ts, i - 1))) continue;
                    // "the people came" are the tale's crowd; "curing people" is anyone
                    if (f.words.equals(List.of("people"))
                            && (i == 0
                                    || !List.of("the", "these", "those")
                                            .contains(ts.get(i - 1).lower()))) continue;
                    // "the child of my first wife", "his late husband": the spouse before, not the one called so now
                    if (!f.capitals[0]
                            && f.words.size() == 1
                            && SPOUSES.contains(f.words.get(0))
                            && i > 0
                            && FORMER.contains(ts.get(i - 1).lower())) return end;
                    // "Cassim's" alone is a mention of Cassim, the possessive stays with him.
                    record(new Mention(f.id, s, i, end, true), found, recent, ts);
                    // "her father and mother and sisters": the kin listed after a relation are the same one's
                    if (relationOwner != null
                            && i == relationEnd + 1
                            && List.of("and", ",").contains(ts.get(relationEnd).lower())
                            && (Lexicon.isPersonNoun(ts.get(end - 1).lower())
                                    || Lexicon.singularOfPlural(ts.get(end - 1).lower()) != null)) {
                        if (!subjectPosition(ts, relationEnd - 1) && !f.id.equals(relationOwner))
                            relationOwners.put(f.id, relationOwner);
                        relationEnd = end;
                    }
                    return end;
                }
            }
            // "Mr. and Mrs. Grant brought their son": the first title is its own name's, the surname the second's
            for (Form f : forms.getOrDefault(lower, List.of())) {
                if (f.words.size() == 2
                        && Lexicon.isTitle(lower)
                        && f.capitals[0] == t.capitalised()
                        && i + 3 < ts.size()
                        && ts.get(i + 1).lower().equals("and")
                        && Lexicon.isTitle(ts.get(i + 2).lower())
                        && ts.get(i + 3).lower().equals(f.words.get(1))) {
                    record(new Mention(f.id, s, i, i + 1, true), found, recent, ts);
                    return i + 1;
                }
            }
            // "I stayed with him the winter I turned twelve": the narration's I is its narrator
            if (narrator != null && Lexicon.FIRST_PERSON.contains(lower) && !t.quoted()) {
                record(new Mention(narrator, s, i, i + 1, false), found, recent, ts);
                return i + 1;
            }
            // "The parrot was called Admiral, and it could recite …": a beast the story calls "it" is no he or she
            if (List.of("it", "its", "itself").contains(lower) && !t.quoted() && !found.isEmpty()) {
                Mention last = found.get(found.size() - 1);
                if (last.explicit() && animals.contains(last.characterId())) neuter.add(last.characterId());
            }
            boolean male = Lexicon.MALE_PRONOUNS.contains(lower);
            boolean female = Lexicon.FEMALE_PRONOUNS.contains(lower);
            if (!male && !female) return i;
            // "In the morning a ship came in safe past the rocks. Her captain …": the ship's
            if (lower.equals("her") && !t.quoted() && subjectPosition(ts, i) && vesselOpens(previousTokens))
                return i + 1;
            Gender sex = male ? Gender.MALE : Gender.FEMALE;
            // "One day a veiled woman stopped at his stall. She bought the smallest bowl": not the donkey
            boolean stranger =
                    previousStrangers.contains(sex) || strangers(ts, i).contains(sex);
            String notThisOne = clauseSubject(ts, i, found);
            // "But the mother said, 'No, no, she is much too dirty'": who speaks of her is not her
            if (notThisOne == null && t.quoted()) notThisOne = speakerOf(ts, i, found);
            // "'Marsh had friends on the council,' he said": who says it is not whom the quote names
            List<Mention> candidates = recent;
            if (!t.quoted() && saysWhatWentBefore(ts, i))
                candidates = recent.stream()
                        .filter(m -> m.sentence() != s || !ts.get(m.start()).quoted())
                        .toList();
            String owner = resolve(sex, candidates, s, notThisOne, stranger);
            if (stranger && owner == null) strangersGoingOn.add(sex);
            boolean strangers = strangersTurn(sex, lower);
            if (strangers) owner = null;
            // "Chen Hao ran after the stranger. He found him on the bridge": a sentence that opens with he or she
            // goes on about the one the sentence before was about, when that one is of the pronoun's sex
            if (List.of("he", "she").contains(lower)
                    && found.isEmpty()
                    && subjectPosition(ts, i)
                    && previousSubject != null
                    && (genders.get(previousSubject) == sex
                            // "A grey owl … agreed to be the judge. She perched on a fence post": one of no known sex
                            // the sentence before was about, where it named no one of the pronoun's sex
                            || (genders.get(previousSubject) == Gender.UNKNOWN
                                    && !previousNamed.contains(sex)
                                    // "Cinder lifted its head and watched her … She tipped the coal": not the dragon
                                    && !neuter.contains(previousSubject)))) owner = previousSubject;
            // "… Seven at one blow, is my kind of affair.' He took a rope and an axe": after a speech's last
            // sentence, a sentence that opens with he or she is about the one who spoke, when of the pronoun's sex
            if (List.of("he", "she").contains(lower)
                    && found.isEmpty()
                    && subjectPosition(ts, i)
                    && previousQuotedSpeaker != null
                    && genders.get(previousQuotedSpeaker) == sex) owner = previousQuotedSpeaker;
            // "the giant thought that the little tailor was lying in a sound sleep, he got up": who thought it
            String thinker = List.of("he", "she").contains(lower) && !t.quoted() ? thinkerBefore(ts, i, found) : null;
            if (thinker != null && genders.get(thinker) != (male ? Gender.FEMALE : Gender.MALE)) owner = thinker;
            boolean possessive = lower.equals("his") || lower.equals("her");
            // "commanded her harshly to take off her royal robes": what she is told to take off is her own
            String told = possessive ? toldToOwner(ts, i, found) : null;
            if (told != null) owner = told;
            // "Her name was Vivian Sharpe": whose name it is, the sentence says
            String nameOwner = possessive ? nameSaidAfter(ts, i) : null;
            if (nameOwner != null) owner = nameOwner;
            if (possessive) {
                int j = i + 1;
                // "his only daughter", "her own mother"
                while (j < ts.size()
                        && (Lexicon.ADJECTIVES.contains(ts.get(j).lower())
                                || List.of("only", "own").contains(ts.get(j).lower()))) j++;
                // "His daughter Ishbel did the work": the kin noun before a name is the name's, no kinsman of its own
                boolean named = j + 1 < ts.size()
                        && ts.get(j + 1).isWord()
                        && ts.get(j + 1).capitalised()
                        && !ts.get(j + 1).quoted();
                if (j < ts.size()
                        && !named
                        && ts.get(j).isWord()
                        && Lexicon.isPersonNoun(ts.get(j).lower())) {
                    String noun = ts.get(j).lower();
                    // "told her mother … Her mother did not believe her": the second "her" is still the daughter's
                    String[] ownersNoun = owner == null ? null : relationOf.get(owner);
                    if (ownersNoun != null && ownersNoun[1].equals(noun)) owner = ownersNoun[0];
                    String id = owner == null ? null : relational.get(owner + "|" + noun);
                    if (id == null) id = roleByNoun.get(noun);
                    if (id != null && !id.equals(owner)) {
                        if (owner != null) {
                            // a relation that opens the sentence ("Her godmother … she struck it") is its subject
                            if (!subjectPosition(ts, i)) relationOwners.put(id, owner);
                            found.add(new Mention(owner, s, i, i + 1, false));
                            relationEnd = j + 1;
                            relationOwner = owner;
                        }
                        record(new Mention(id, s, i, j + 1, true), found, recent);
                        return j + 1;
                    }
                    if (owner != null && Lexicon.RELATIONAL.contains(noun))
                        unclaimed.add(new Unclaimed(owner, noun, s));
                }
            }
            if (owner != null) record(new Mention(owner, s, i, i + 1, false), found, recent, ts);
            else if (strangers) lastOfSex.put(sex, STRANGER_SAID);
            return i + 1;
        }

        /** Whether the sentence's subject is a ship or boat: "In the morning a ship came in safe past the rocks". */
        private static boolean vesselOpens(List<WordToken> ts) {
            if (ts == null) return false;
            for (int k = 0; k + 1 < ts.size(); k++) {
                if (!ts.get(k).isWord()) continue;
                if (List.of("a", "the").contains(ts.get(k).lower())
                        && VESSELS.contains(ts.get(k + 1).lower())) return true;
                if (Lexicon.isPersonNoun(ts.get(k).lower()) || ts.get(k).capitalised() && k > 0) return false;
            }
            return false;
        }

        private static final Set<String> VESSELS =
                Set.of("ship", "boat", "vessel", "yacht", "ferry", "schooner", "frigate");

        /** Whether the pronoun at i is a quote's speaker: "'…,' he said", "'…,' said he". */
        private static boolean saysWhatWentBefore(List<WordToken> ts, int i) {
            boolean quoteBefore = false;
            for (int k = 0; k < i && !quoteBefore; k++) quoteBefore = ts.get(k).quoted();
            if (!quoteBefore) return false;
            return (i + 1 < ts.size()
                            && Lexicon.SPEECH_VERBS.contains(ts.get(i + 1).lower()))
                    || (i > 0 && Lexicon.SPEECH_VERBS.contains(ts.get(i - 1).lower()));
        }

        /**
         * The one the narration names as the speaker of the quote token i stands in: named before it ("the mother
         * said, '…'") or right after it ("'…,' said the mother", "'…,' the dwarf cried"); else null.
         */
        private String speakerOf(List<WordToken> ts, int i, List<Mention> found) {
            for (Mention m : found) if (m.explicit() && Lexicon.speaker(ts, m)) return m.characterId();
            int k = i;
            while (k < ts.size() && (ts.get(k).quoted() || !ts.get(k).isWord())) k++;
            if (k >= ts.size()) return null;
            boolean verbFirst = Lexicon.SPEECH_VERBS.contains(ts.get(k).lower());
            int at = verbFirst ? k + 1 : k;
            while (at < ts.size() && Lexicon.DETERMINERS.contains(ts.get(at).lower())) at++;
            if (at >= ts.size()) return null;
            for (Form f : forms.getOrDefault(ts.get(at).lower(), List.of())) {
                if (!matches(ts, at, f)) continue;
                int end = at + f.words.size();
                boolean verbAfter = end < ts.size()
                        && Lexicon.SPEECH_VERBS.contains(ts.get(end).lower());
                return verbFirst || verbAfter ? f.id : null;
            }
            return null;
        }

        private boolean startsName(WordToken t) {
            if (!t.capitalised()) return false;
            for (Form f : forms.getOrDefault(t.lower(), List.of())) if (f.capitals[0]) return true;
            return false;
        }

        private void record(Mention m, List<Mention> found, List<Mention> recent, List<WordToken> ts) {
            noteSubject(ts, m);
            // "I am sure she cannot be the bride": what someone is said to be is no one a later pronoun stands for
            // (a name there brings someone in: "The judge was Mrs Okafor. She blew her whistle.")
            if (m.explicit() && !ts.get(m.start()).capitalised() && predicate(ts, m.start())) found.add(m);
            else record(m, found, recent);
        }

        private static final Set<String> BE = Set.of("be", "is", "was", "were", "are", "been", "am");

        /** Whether the phrase at i (its article included) follows a form of "be": "was the bride", "is not the one". */
        private static boolean predicate(List<WordToken> ts, int i) {
            int k = i - 1;
            while (k >= 0
                    && (Lexicon.DETERMINERS.contains(ts.get(k).lower())
                            || Lexicon.ADJECTIVES.contains(ts.get(k).lower()))) k--;
            if (k >= 0 && ts.get(k).lower().equals("not")) k--;
            return k >= 0 && BE.contains(ts.get(k).lower());
        }

        private void record(Mention m, List<Mention> found, List<Mention> recent) {
            found.add(m);
            recent.add(m);
            Gender sexOf = genders.get(m.characterId());
            if (sexOf == Gender.MALE || sexOf == Gender.FEMALE) {
                lastOfSex.put(sexOf, m.characterId());
                referred.add(sexOf);
            }
            if (m.explicit() && genders.get(m.characterId()) != null) named.add(genders.get(m.characterId()));
        }

        /**
         * Most recent character of the given gender, or of unknown gender named by name or noun in this
         * sentence; else the most recent one of unknown gender. One
         * named in this sentence as another's relation ("what her godmother had recommended to her; so
         * that she …") leaves the sentence's later pronouns of that gender to the one whose relation it is,
         * unless the relation opens the sentence.
         */
        /** What may follow an object "her" ("gave her a pair of glass slippers"), where a possessive's noun would. */
        private static final Set<String> AFTER_AN_OBJECT = Set.of(
                "a", "an", "the", "some", "to", "and", "in", "into", "on", "at", "with", "from", "for", "out", "up",
                "down", "away", "back", "off", "over", "that", "go", "come");

        /**
         * For an object "him" or "her", the one its clause's subject stands for when that subject is named or a
         * pronoun just before the verb: "she gave her a pair of glass slippers" cannot give them to herself, so the
         * second "her" is someone else. Null when the pronoun is no object or the subject is not that close.
         */
        private static String clauseSubject(List<WordToken> ts, int i, List<Mention> found) {
            if (!isObject(ts, i) || found.isEmpty()) return null;
            Mention last = found.get(found.size() - 1);
            if (i - last.end() < 1 || i - last.end() > 2) return null; // "she gave her", "she quickly gave her"
            for (int k = last.end(); k < i; k++)
                if (!ts.get(k).isWord() || ts.get(k).lower().equals("and")) return null;
            String subject = ts.get(last.start()).lower();
            boolean isSubject = last.explicit() || subject.equals("he") || subject.equals("she");
            return isSubject ? last.characterId() : null;
        }

        /**
         * For a possessive after an object pronoun of its sex and a "to" ("commanded her to take off her robes",
         * "bade him draw his sword"), the one that object pronoun stands for; else null.
         */
        private static String toldToOwner(List<WordToken> ts, int i, List<Mention> found) {
            String object = ts.get(i).lower().equals("his") ? "him" : "her";
            for (int k = found.size() - 1; k >= 0; k--) {
                Mention m = found.get(k);
                if (m.explicit() || m.end() > i || i - m.start() > 7) return null;
                if (!ts.get(m.start()).lower().equals(object) || m.start() + 1 >= i) continue;
                boolean to = false;
                for (int j = m.start() + 1; j < i; j++) {
                    if (!ts.get(j).isWord()) return null;
                    to |= ts.get(j).lower().equals("to");
                }
                return to && isObject(ts, m.start()) ? m.characterId() : null;
            }
            return null;
        }

        /** "him", or a "her" that no noun follows: "gave her a ring", "commanded her harshly to go". */
        private static boolean isObject(List<WordToken> ts, int i) {
            String w = ts.get(i).lower();
            if (w.equals("him")) return true;
            if (!w.equals("her")) return false;
            if (i + 1 >= ts.size() || !ts.get(i + 1).isWord()) return true;
            String next = ts.get(i + 1).lower();
            if (AFTER_AN_OBJECT.contains(next)) return true;
            // "harshly to": an adverb, where "her lovely dress" has an adjective before its noun
            return next.endsWith("ly")
                    && !Lexicon.ADJECTIVES.contains(next)
                    && i + 2 < ts.size()
                    && AFTER_AN_OBJECT.contains(ts.get(i + 2).lower());
        }

        private String resolve(Gender g, List<Mention> recent, int sentence, String notThisOne, boolean stranger) {
            if (notThisOne != null) {
                List<Mention> others = new ArrayList<>();
                for (Mention m : recent) if (!m.characterId().equals(notThisOne)) others.add(m);
                String other = resolve(g, others, sentence, null, stranger);
                if (other != null) return other;
            }
            return resolve(g, recent, sentence, stranger);
        }

        /** {@code stranger}: a person of the pronoun's sex no character is was just brought in; no one of no sex is it. */
        private String resolve(Gender g, List<Mention> recent, int sentence, boolean stranger) {
            // "Morgiana went to an old cobbler … who opened his stall": where no one of the pronoun's sex is in this
            // sentence, someone of no known sex named in it is nearer than the man named sentences before
            boolean sameSexHere = stranger
                    || recent.stream().anyMatch(m -> m.sentence() == sentence && genders.get(m.characterId()) == g);
            for (int k = recent.size() - 1;
                    k >= 0 && !sameSexHere && recent.get(k).sentence() == sentence;
                    k--)
                if (genders.get(recent.get(k).characterId()) == Gender.UNKNOWN
                        && recent.get(k).explicit()
                        // "the bird came and brought a still finer dress than the one she had worn": the girl's
                        && !animals.contains(recent.get(k).characterId()))
                    return recent.get(k).characterId();
            for (int k = recent.size() - 1; k >= 0; k--) {
                String id = recent.get(k).characterId();
                if (genders.get(id) != g) continue;
                String owner = relationOwners.get(id);
                return owner != null && genders.get(owner) == g ? owner : id;
            }
            for (int k = recent.size() - 1; k >= 0 && !stranger; k--) {
                String id = recent.get(k).characterId();
                // "he" is never "I", nor "her" a parrot the story calls "it"
                if (genders.get(id) == Gender.UNKNOWN && !id.equals(narrator) && !neuter.contains(id)) return id;
            }
            return null;
        }

        private static boolean matches(List<WordToken> ts, int i, Form f) {
            if (i + f.words.size() > ts.size()) return false;
            for (int k = 0; k < f.words.size(); k++) {
                WordToken t = ts.get(i + k);
                if (t.kind() != WordToken.Kind.WORD && t.kind() != WordToken.Kind.POSSESSIVE) return false;
                if (!t.lower().equals(f.words.get(k))) return false;
                if (f.capitals[k] && !t.capitalised()) return false;
            }
            return true;
        }
    }

    /** Every name and alias the cast is called by, without its article, in lower case ("tailor", "ali baba"). */
    static Set<String> calledBy(List<StoryCharacter> cast) {
        Set<String> out = new java.util.HashSet<>();
        for (StoryCharacter c : cast) {
            out.add(stripArticle(c.name()).toLowerCase(Locale.ROOT));
            for (String a : c.aliases()) out.add(stripArticle(a).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    static String stripArticle(String s) {
        String t = s.strip();
        String l = t.toLowerCase(Locale.ROOT);
        if (l.startsWith("the ")) return t.substring(4).strip();
        if (l.startsWith("a ")) return t.substring(2).strip();
        if (l.startsWith("an ")) return t.substring(3).strip();
        return t;
    }

    private static String lastWord(String s) {
        int sp = s.lastIndexOf(' ');
        return sp < 0 ? s : s.substring(sp + 1);
    }
}
