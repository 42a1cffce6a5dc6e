package lemon.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lemon.story.Scene;
import lemon.story.StoryCharacter;

/**
 * Scene prompts: the story is cut into T consecutive stretches of sentences; from each, the
 * sentence with the most characters and action is compressed to at most 20 words. Quoted speech
 * and subordinate clauses are dropped, characters are written by their canonical names (a
 * pronoun becomes the name the first time), and characters of the sentence that the kept words
 * do not name are appended as "with X and Y".
 */
public final class SceneComposer {
    public static final int MAX_TOKENS = 20;

    private static final Set<String> LEADING_FILLERS =
            Set.of("and", "but", "so", "then", "now", "thus", "meanwhile", "however", "therefore", "also");
    private static final Set<String> TRAILING_FILLERS = Set.of(
            "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "with", "by", "for", "from", "into",
            "his", "her", "their", "its", "my", "your", "our", "that", "which", "who", "as", "so", "very", "than",
            "this", "these", "those", "had", "was", "were", "is", "be", "been", "not", "would", "could", "should",
            "will", "shall", "did", "do", "among", "through", "upon", "over", "under", "after", "before", "about",
            "without", "within", "behind", "while", "when", "if", "what", "where", "how", "whom", "whose", "every",
            "some", "any", "no", "one", "another");
    /**
     * Whether the word after a joining word starts a clause of its own ("and she never took", "and cried", "while
     * Vasquez held"), not a noun phrase's second half ("a gold and silver dress", "the king and the queen").
     */
    private static boolean opensClause(List<String> words, List<String> owner, int at) {
        if (at >= words.size()) return false;
        String w = words.get(at).toLowerCase();
        return owner.get(at) != null
                || Set.of("he", "she", "they", "it", "i", "we", "never", "always", "then", "also")
                        .contains(w)
                || looksLikeVerb(w);
    }

    /** Words after "that" that make it a determiner of a time, not a subordinator: "That evening", "that very day". */
    private static final Set<String> TIMES = Set.of(
            "morning",
            "afternoon",
            "evening",
            "night",
            "day",
            "week",
            "month",
            "year",
            "spring",
            "summer",
            "autumn",
            "winter",
            "moment",
            "instant",
            "time",
            "hour",
            "very");

    /** Words that open the next clause of a sentence: where a prompt cut short may end. */
    private static final Set<String> CLAUSE_JOINS = Set.of("and", "but", "while", "when", "then", "so", "as", "until");

    private static final Set<String> CLAUSE_BREAKS = Set.of(",", ";", ":", "(", ")", "—", "–", "[", "]");

    private final MentionIndex index;
    private final Map<String, StoryCharacter> byId = new HashMap<>();

    public SceneComposer(MentionIndex index) {
        this.index = index;
        for (StoryCharacter c : index.characters()) byId.put(c.id(), c);
    }

    public List<Scene> compose(int sceneCount) {
        // Only sentences with a character can become scenes: a scene is drawn with the characters'
        // tokens, so one without (a description of the weather, an instruction to an LLM) is nothing.
        List<Integer> usable = new ArrayList<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            if (hasLowerCase(index.sentences().get(s)) // skip titles in capitals
                    && !index.charactersIn(s, true).isEmpty()) usable.add(s);
        }
        int n = usable.size();
        int t = Math.min(Math.max(sceneCount, 0), n);
        List<Scene> scenes = new ArrayList<>();
        for (int k = 0; k < t; k++) {
            int from = (int) ((long) k * n / t);
            int to = (int) ((long) (k + 1) * n / t);
            List<Integer> stretch = new ArrayList<>(usable.subList(from, to));
            // best first; stable, so ties keep story order as before
            stretch.sort(Comparator.comparingDouble((Integer s) -> -score(s)));
            for (int s : stretch) {
                Scene scene = prompt(scenes.size(), s);
                if (!scene.characterIds().isEmpty()) { // its only pronoun may sit in a dropped clause
                    scenes.add(scene);
                    break;
                }
            }
        }
        return scenes;
    }

    /** Many characters, explicitly named, acting outside quoted speech, in a mid-length sentence. */
    private double score(int s) {
        List<WordToken> ts = index.tokens().get(s);
        int words = 0;
        int quoted = 0;
        boolean verb = false;
        for (WordToken t : ts) {
            if (!t.isWord()) continue;
            words++;
            if (t.quoted()) quoted++;
            if (!t.quoted() && looksLikeVerb(t.lower())) verb = true;
        }
        if (words == 0) return -100;
        double score = 3 * index.charactersIn(s, true).size()
                + index.charactersIn(s, false).size();
        score += verb ? 2 : 0;
        score -= 4.0 * quoted / words;
        score += words >= 6 && words <= 40 ? 1 : 0;
        return score;
    }

    private static boolean looksLikeVerb(String w) {
        return w.endsWith("ed") || Lexicon.AGENT_VERBS.contains(w);
    }

    private Scene prompt(int k, int s) {
        List<WordToken> ts = index.tokens().get(s);
        // 'Vasquez swore. "Boateng, suit up."': a quote no one is said to speak is the one the sentence before
        // was about speaking on; the picture is that one speaking with whoever the quote names
        String speaker = ts.stream().filter(WordToken::isWord).allMatch(WordToken::quoted) ? speakerBefore(s) : null;
        if (speaker != null) {
            List<String> words = new ArrayList<>(), owner = new ArrayList<>();
            addWords(words, owner, display(byId.get(speaker)), speaker);
            words.add("speaks");
            owner.add(null);
            List<String> present = new ArrayList<>(List.of(speaker));
            for (String id : index.charactersIn(s, true)) if (!present.contains(id)) present.add(id);
            return fit(k, words, owner, present);
        }
        boolean[] keep = keptTokens(ts);
        // Render kept tokens, writing characters by canonical name.
        List<String> words = new ArrayList<>();
        List<String> wordOwner = new ArrayList<>(); // id of the character a word names, or null
        Set<String> named = new LinkedHashSet<>();
        Map<Integer, MentionIndex.Mention> starts = new HashMap<>();
        for (MentionIndex.Mention m : index.mentions(s)) {
            MentionIndex.Mention prev = starts.get(m.start());
            if (prev == null || m.end() > prev.end()) starts.put(m.start(), m);
        }
        int i = 0;
        while (i < ts.size()) {
            WordToken t = ts.get(i);
            MentionIndex.Mention m = starts.get(i);
            if (!keep[i]) {
                i++;
                continue;
            }
            if (m != null) {
                String id = m.characterId();
                String name = display(byId.get(id));
                int last = wordOwner.size() - 1;
                if (last > 0
                        && wordOwner.get(last) == null
                        && StoryCues.A_OR_THE.contains(words.get(last).toLowerCase()))
                    last--; // "made Yusuf the royal potter"
                boolean sameJustWritten = last >= 0 && id.equals(wordOwner.get(last));
                if (m.explicit() && (namedRightAfter(ts, m, starts) || sameJustWritten)) {
                    // "a princess called Rosa" stays as written, not "a Rosa called Rosa"; "made Yusuf the royal
                    // potter", not "made Yusuf Yusuf"
                    for (int w = m.start(); w < m.end(); w++) {
                        words.add(ts.get(w).text());
                        wordOwner.add(null);
                    }
                } else if (m.explicit()) {
                    StoryCharacter c = byId.get(id);
                    // "telephoned the stationmaster" of Mr Fell, "said the princess" of Briar Rose: no "the Mr Fell"
                    if (!isRoleLike(c) && !t.capitalised()) dropLastWordOf(words, wordOwner, StoryCues.A_OR_THE);
                    // "Dr. Amara Lin" of Dr Lin: the title written before the name is the name's own, no "Dr Dr Lin"
                    String title =
                            name.substring(0, Math.max(0, name.indexOf(" "))).toLowerCase(java.util.Locale.ROOT);
                    if (Lexicon.isTitle(title)) dropLastWordOf(words, wordOwner, Set.of(title));
                    if (m.start() > 0 && ts.get(m.start() - 1).kind() == WordToken.Kind.POSSESSIVE) {
                        addWords(words, wordOwner, c.name(), id); // "the caliph's guards", not "… the guards"
                    } else if (dropDeterminer(words, wordOwner, c)
                            || !isRoleLike(c)
                            || m.start() == 0
                            || !ts.get(m.start() - 1).isWord()
                            // "give him his only daughter": the possessive is the mention's own determiner
                            || Lexicon.POSSESSIVE_PRONOUNS.contains(t.lower())
                            || !(isModifier(ts.get(m.start() - 1)) || surnameAsModifier(ts, m.start()))) {
                        addWords(words, wordOwner, name, id);
                    } else {
                        addWords(words, wordOwner, c.name(), id); // "another robber", "oil merchant"
                    }
                    named.add(id);
                } else if (!named.contains(id)) {
                    boolean possessive = t.lower().equals("his")
                            || t.lower().equals("my") // "my mother's brooch": the narrator's
                            || (t.lower().equals("her")
                                    && i + 1 < ts.size()
                                    && ts.get(i + 1).isWord()
                                    && (!starts.containsKey(i + 1) || ownRoleAfter(ts, starts.get(i + 1), starts))
                                    && !TRAILING_FILLERS.contains(ts.get(i + 1).lower())
                                    && !AFTER_AN_OBJECT.contains(ts.get(i + 1).lower()) // "gave her nothing"
                                    && !adverb(ts.get(i + 1).lower())); // "spoke to her slowly"
                    boolean own = i + 1 < ts.size() && ts.get(i + 1).lower().equals("own");
                    // "Her name was Captain Ines Morales", not "Captain Morales's name was Captain Morales"
                    own |= i + 1 < ts.size() && ts.get(i + 1).lower().equals("name");
                    if (possessive && (name.contains(" of ") || own)) {
                        // "the captain of the robbers's horse" reads badly; "two daughters of her own" is an idiom
                        // whose "her" may be no character at all
                        words.add(t.text());
                        wordOwner.add(null);
                    } else {
                        addWords(words, wordOwner, possessive ? name + "'s" : name, id);
                        named.add(id);
                    }
                } else {
                    words.add(t.text());
                    wordOwner.add(null);
                }
                i = m.end();
                continue;
            }
            if (t.kind() == WordToken.Kind.POSSESSIVE && !words.isEmpty()) {
                words.set(words.size() - 1, words.get(words.size() - 1) + "'s");
            } else if (t.isWord()) {
                words.add(t.text());
                wordOwner.add(null);
            }
            i++;
        }
        while (!words.isEmpty()
                && wordOwner.get(0) == null
                && LEADING_FILLERS.contains(words.get(0).toLowerCase())) {
            words.remove(0);
            wordOwner.remove(0);
        }
        spokenOnly(words, wordOwner);
        List<String> present = new ArrayList<>(index.charactersIn(s, true));
        return fit(k, words, wordOwner, present);
    }

    /**
     * The one character the narration of the sentence before names, when it names one: the speaker of a quote that
     * follows it unattributed ('Vasquez swore. "Boateng, suit up."', '"Clamp released," said ORLA. "Also, …"').
     */
    private String speakerBefore(int s) {
        if (s == 0) return null;
        List<WordToken> before = index.tokens().get(s - 1);
        Set<String> ids = new LinkedHashSet<>();
        for (MentionIndex.Mention m : index.mentions(s - 1))
            if (m.explicit() && !before.get(m.start()).quoted()) ids.add(m.characterId());
        return ids.size() == 1 ? ids.iterator().next() : null;
    }

    /** Verbs of speech that, alone beside the speaker, leave nothing to draw but someone speaking. */
    private static final Set<String> SPEECH_VERBS =
            Set.of("said", "asked", "answered", "replied", "cried", "called", "whispered", "shouted", "exclaimed");

    /** '"Why do you weep?" asked the fox': the quote is dropped, so the picture is the fox speaking. */
    private static void spokenOnly(List<String> words, List<String> owner) {
        int verb = -1;
        for (int w = 0; w < words.size(); w++) {
            if (owner.get(w) != null) continue;
            if (verb >= 0 || !SPEECH_VERBS.contains(words.get(w).toLowerCase())) return;
            verb = w;
        }
        if (verb < 0 || owner.stream().allMatch(java.util.Objects::isNull)) return;
        words.remove(verb);
        owner.remove(verb);
        words.add("speaks");
        owner.add(null);
    }

    /** Truncates to the token budget while keeping every present character named. */
    private Scene fit(int k, List<String> words, List<String> owner, List<String> present) {
        int limit = Math.min(words.size(), MAX_TOKENS);
        List<String> missing = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            Set<String> shown = new LinkedHashSet<>();
            for (int w = 0; w < limit; w++) if (owner.get(w) != null) shown.add(owner.get(w));
            missing = new ArrayList<>();
            for (String id : present) if (!shown.contains(id)) missing.add(id);
            int suffix = suffixLength(missing);
            while (suffix > MAX_TOKENS && !missing.isEmpty()) {
                missing.remove(missing.size() - 1);
                suffix = suffixLength(missing);
            }
            int newLimit = Math.min(words.size(), MAX_TOKENS - suffix);
            // a sentence cut short ends where a clause does, not a few words into the next ("… and she never took");
            // a clause cut after five words or more has said its action and keeps them
            if (newLimit < words.size())
                for (int j = newLimit - 1; j >= Math.max(newLimit / 2 + 1, newLimit - 5); j--)
                    if (owner.get(j) == null
                            && CLAUSE_JOINS.contains(words.get(j).toLowerCase())
                            && opensClause(words, owner, j + 1)) {
                        newLimit = j;
                        break;
                    }
            // Never cut a multi-word name in half.
            while (newLimit > 0
                    && newLimit < words.size()
                    && owner.get(newLimit) != null
                    && owner.get(newLimit).equals(owner.get(newLimit - 1))) newLimit--;
            if (newLimit == limit) break;
            limit = newLimit;
        }
        List<String> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int w = 0; w < limit; w++) {
            String word = words.get(w);
            out.add(word);
            if (owner.get(w) != null && !ids.contains(owner.get(w))) ids.add(owner.get(w));
        }
        while (!out.isEmpty()
                && owner.get(out.size() - 1) == null
                && TRAILING_FILLERS.contains(out.get(out.size() - 1).toLowerCase())) {
            out.remove(out.size() - 1);
        }
        for (int m = 0; m < missing.size(); m++) {
            out.add(m == 0 ? (out.isEmpty() ? "" : "with") : "and");
            if (out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
            for (String part : display(byId.get(missing.get(m))).split(" ")) out.add(part);
            ids.add(missing.get(m));
        }
        String prompt = String.join(" ", out);
        if (!prompt.isEmpty()) prompt = Character.toUpperCase(prompt.charAt(0)) + prompt.substring(1);
        return new Scene(k, prompt, ids);
    }

    private int suffixLength(List<String> missing) {
        int n = 0;
        for (String id : missing) n += 1 + display(byId.get(id)).split(" ").length;
        return n;
    }

    /** Which tokens survive: main clauses outside quotes; relative and subordinate clauses go. */
    private boolean[] keptTokens(List<WordToken> ts) {
        boolean[] keep = new boolean[ts.size()];
        List<int[]> clauses = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= ts.size(); i++) {
            boolean brk = i == ts.size()
                    || ts.get(i).kind() == WordToken.Kind.QUOTE_OPEN
                    || ts.get(i).kind() == WordToken.Kind.QUOTE_CLOSE
                    || CLAUSE_BREAKS.contains(ts.get(i).text());
            if (brk) {
                if (i > start) clauses.add(new int[] {start, i});
                start = i + 1;
            }
        }
        boolean any = false;
        int[] fallback = null;
        int fallbackWords = -1;
        for (int[] c : clauses) {
            int words = 0;
            int quoted = 0;
            for (int i = c[0]; i < c[1]; i++) {
                if (ts.get(i).isWord()) {
                    words++;
                    if (ts.get(i).quoted()) quoted++;
                }
            }
            if (words == 0) continue;
            if (quoted * 2 < words && words > fallbackWords) {
                fallback = c;
                fallbackWords = words;
            }
            String first = ts.get(c[0]).lower();
            // "That evening a diamond ring vanished …": "that" before a time is no subordinator
            boolean thatTime = first.equals("that")
                    && c[0] + 1 < c[1]
                    && TIMES.contains(ts.get(c[0] + 1).lower());
            if (quoted * 2 >= words || (Lexicon.SUBORDINATORS.contains(first) && !thatTime)) continue;
            for (int i = c[0]; i < c[1]; i++) keep[i] = true;
            any = true;
        }
        int keptWords = 0;
        for (int i = 0; i < ts.size(); i++) if (keep[i] && ts.get(i).isWord()) keptWords++;
        if (keptWords < 4 && fallback != null) {
            // Too little main clause left ("Saying"): the longest unquoted clause says more.
            java.util.Arrays.fill(keep, false);
            for (int i = fallback[0]; i < fallback[1]; i++) keep[i] = true;
            any = true;
        }
        if (!any) {
            if (fallback == null) {
                for (int[] c : clauses) if (fallback == null || c[1] - c[0] > fallback[1] - fallback[0]) fallback = c;
            }
            if (fallback != null) for (int i = fallback[0]; i < fallback[1]; i++) keep[i] = true;
        }
        return keep;
    }

    /** How a character is written in a prompt: "Morgiana", "Cassim's wife", "the tailor". */
    static String display(StoryCharacter c) {
        String name = c.name();
        return Character.isUpperCase(name.charAt(0)) ? name : "the " + name;
    }

    /** Removes a determiner just written before a role character's name; true if it did. */
    private static boolean dropDeterminer(List<String> words, List<String> owner, StoryCharacter c) {
        return isRoleLike(c) && dropLastWordOf(words, owner, Lexicon.DETERMINERS);
    }

    /**
     * Removes the word just written when it is one of these and names no one; true if it did (an article before a
     * name that takes the place of the role it came with: "said the princess" of Briar Rose).
     */
    private static boolean dropLastWordOf(List<String> words, List<String> owner, Set<String> these) {
        if (words.isEmpty() || owner.get(owner.size() - 1) != null) return false;
        if (!these.contains(words.get(words.size() - 1).toLowerCase())) return false;
        words.remove(words.size() - 1);
        owner.remove(owner.size() - 1);
        return true;
    }

    /**
     * "a princess called Rosa", "the baker, a cheerful giant named Hector Plum", "The younger, Ali Baba,": a role the
     * next words name by the same one's name (right after it, or in its apposition).
     */
    private static boolean namedRightAfter(
            List<WordToken> ts, MentionIndex.Mention m, Map<Integer, MentionIndex.Mention> starts) {
        if (ts.get(m.start()).capitalised()) return false;
        int k = m.end();
        boolean apposition = k < ts.size() && ts.get(k).text().equals(",");
        // "The younger, Ali Baba, had married": the name right after the comma
        if (apposition && namedAt(starts, k + 1, m)) return true;
        // "The youth's name was Curdken"
        if (k + 3 < ts.size()
                && ts.get(k).kind() == WordToken.Kind.POSSESSIVE
                && ts.get(k + 1).lower().equals("name")
                && List.of("was", "is").contains(ts.get(k + 2).lower())
                && namedAt(starts, k + 3, m)) return true;
        int last = apposition ? Math.min(ts.size() - 1, k + 8) : k;
        for (int j = apposition ? k + 1 : k;
                j <= last && j < ts.size() && ts.get(j).isWord();
                j++) {
            if (Lexicon.NAMING_VERBS.contains(ts.get(j).lower())) return namedAt(starts, j + 1, m);
        }
        return false;
    }

    /**
     * "Her nurse, a cheerful young man named Tomasz", "her two sisters": a role written as the prompt writes it, after
     * a "her" that is its owner's; not "gave her Cinderella's shoe", "told her he loved", nor "said her husband" of a
     * husband written as "the father".
     */
    private boolean ownRoleAfter(
            List<WordToken> ts, MentionIndex.Mention m, Map<Integer, MentionIndex.Mention> starts) {
        if (!m.explicit() || ts.get(m.start()).capitalised()) return false;
        if (namedRightAfter(ts, m, starts)) return true;
        String written = MentionIndex.stripArticle(CharacterFinder.joinLower(ts, m.start(), m.end()));
        return written.equals(byId.get(m.characterId()).name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether a name of m's own character starts at token k. */
    private static boolean namedAt(Map<Integer, MentionIndex.Mention> starts, int k, MentionIndex.Mention m) {
        MentionIndex.Mention name = starts.get(k);
        return name != null && name.explicit() && name.characterId().equals(m.characterId());
    }

    private static boolean isRoleLike(StoryCharacter c) {
        return !Character.isUpperCase(c.name().charAt(0)) || c.name().contains("'s ");
    }

    /** "the Baxter twins": a capitalised word between "the" and the role qualifies it. */
    private static boolean surnameAsModifier(List<WordToken> ts, int start) {
        return start >= 2
                && ts.get(start - 1).capitalised()
                && ts.get(start - 2).lower().equals("the");
    }

    /** A word that already qualifies the noun after it ("another", "finest", "oil"). */
    private static boolean isModifier(WordToken t) {
        String w = t.lower();
        if (Lexicon.DETERMINERS.contains(w)) return true;
        // a past tense ("saw", "killed") is no modifier; "red", "tired" are
        boolean pastTense = w.endsWith("ed") && w.length() > 4 && !Lexicon.ADJECTIVES.contains(w);
        if ((t.capitalised() && !t.initial()) || Lexicon.AGENT_VERBS.contains(w) || pastTense) {
            return false;
        }
        return !TAKE_ARTICLE_AFTER.contains(w)
                && !Lexicon.SUBORDINATORS.contains(w)
                && !List.of("and", "or", "but", "nor", "to", "than").contains(w);
    }

    /** "slowly", "kindly": no noun a possessive "her" could own, where "her lovely dress" has one after it. */
    private static boolean adverb(String w) {
        return w.endsWith("ly") && !Lexicon.ADJECTIVES.contains(w);
    }

    /** Words after an object "her" where a possessive's noun would stand: "gave her nothing", "sent her away". */
    private static final Set<String> AFTER_AN_OBJECT = Set.of(
            "nothing",
            "everything",
            "something",
            "anything",
            "all",
            "again",
            "too",
            "alone",
            "away",
            "back",
            "up",
            "down",
            "out",
            "off",
            "home",
            "once",
            "twice",
            "here",
            "there");

    private static final Set<String> TAKE_ARTICLE_AFTER = Set.of(
            "of", "in", "on", "at", "by", "with", "for", "from", "into", "onto", "upon", "to", "towards", "toward",
            "among", "between", "behind", "before", "after", "under", "over", "near", "beside", "about", "against",
            "without", "through", "like", "unto", "saw", "told", "asked", "said", "called");

    private static void addWords(List<String> words, List<String> owner, String text, String id) {
        for (String part : text.split(" ")) {
            words.add(part);
            owner.add(id);
        }
    }

    private static boolean hasLowerCase(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isLowerCase(s.charAt(i))) return true;
        return false;
    }
}
