package lemon.analysis;

import java.util.List;
import java.util.Map;

/**
 * A reference to a group of people at one plural person noun: "her two sisters", "the Forty
 * Thieves", "both the sisters", "twelve fairies", "the elder sons". A plural needs a determiner,
 * a possessive or a count before it, so that "thieves are punished" (people in general) is not a
 * group of the story.
 *
 * @param key what tells two groups apart: the singular noun, after "elder"/"younger" when the
 *            text sets a subgroup apart ("elder son" for "the elder sons"), with synonyms folded
 *            ("robber" → "thief")
 * @param singular the person noun the plural is of ("thief")
 * @param plural the plural noun as written, lower case ("thieves")
 * @param form the count, subgroup and plural of the phrase, lower case ("forty thieves", "two elder sons";
 *             "sisters" for "her poor sisters")
 * @param count the number the phrase gives ("forty" → 40, "both" → 2), or 0 when none
 */
record GroupPhrase(String key, String singular, String plural, String form, int count) {

    static final Map<String, Integer> COUNTS = Map.ofEntries(
            Map.entry("two", 2),
            Map.entry("both", 2),
            Map.entry("twin", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10),
            Map.entry("eleven", 11),
            Map.entry("twelve", 12),
            Map.entry("thirteen", 13),
            Map.entry("twenty", 20),
            Map.entry("thirty", 30),
            Map.entry("forty", 40),
            Map.entry("fifty", 50),
            Map.entry("sixty", 60),
            Map.entry("seventy", 70),
            Map.entry("eighty", 80),
            Map.entry("ninety", 90),
            Map.entry("hundred", 100));

    /** Nouns a story uses for the same band ("the robbers" are "the thieves"). */
    private static final Map<String, String> SYNONYMS = Map.of("robber", "thief", "bandit", "thief");

    /** Words before a plural that make it this story's group rather than people in general. */
    static final List<String> DETERMINERS =
            List.of("the", "these", "those", "her", "his", "their", "my", "our", "your", "its");

    /** Adjectives that set a subgroup apart: "the elder sons" are not all "the sons". */
    private static final List<String> SUBGROUP = List.of("elder", "older", "younger");

    /** One noun for words a story uses for the same band ("robber" → "thief"). */
    static String fold(String singular) {
        return SYNONYMS.getOrDefault(singular, singular);
    }

    private static String countWord(List<WordToken> ts, int from, int to) {
        for (int k = from; k < to; k++)
            if (COUNTS.containsKey(ts.get(k).lower())) return ts.get(k).lower();
        return "two"; // "both the sisters"
    }

    /** Bodies of people, each with the word for one of them: "his court" is a band of courtiers. */
    private static final Map<String, String> BODIES =
            Map.of("court", "courtier", "council", "councillor", "household", "servant");

    /** Verbs that gather a body or speak to it: "called his court together", "asked all his court". */
    private static final List<String> GATHERING =
            List.of("called", "gathered", "assembled", "summoned", "asked", "told", "addressed");

    /** The word for one member of a body of people ("court" → "courtier"), or null when the noun is none. */
    static String memberOfBody(String noun) {
        return BODIES.get(noun);
    }

    private static GroupPhrase body(String noun) {
        return new GroupPhrase(noun, BODIES.get(noun), noun, noun, 0);
    }

    /**
     * "he called his court together", "said to his court", "gathered together his court": a body a sentence
     * gathers or speaks to is people acting as one (where it is only a place, "came to the old king's court",
     * it is no one).
     */
    private static boolean gatheredOrAddressed(List<WordToken> ts, int i) {
        int j = i - 1;
        if (j < 0 || !DETERMINERS.contains(ts.get(j).lower())) return false;
        if (i + 1 < ts.size() && ts.get(i + 1).lower().equals("together")) return true;
        j--;
        if (j >= 0 && ts.get(j).lower().equals("all")) j--;
        if (j >= 0 && ts.get(j).lower().equals("together")) j--;
        if (j < 0) return false;
        String verb = ts.get(j).lower();
        if (GATHERING.contains(verb)) return true;
        return verb.equals("to")
                && j > 0
                && List.of("said", "spoke", "cried").contains(ts.get(j - 1).lower());
    }

    /** The group phrase headed by the plural at token i, or null when there is none. */
    static GroupPhrase at(List<WordToken> ts, int i) {
        WordToken head = ts.get(i);
        if (!head.isWord()) return null;
        String plural = head.lower();
        if (BODIES.containsKey(plural)) return gatheredOrAddressed(ts, i) ? body(plural) : null;
        // "the people" of a tale are its crowd: a band of anyone, kept only where it speaks or acts as one
        String singular = plural.equals("people") ? "person" : Lexicon.singularOfPlural(plural);
        if (singular == null) return null;
        if (i + 1 < ts.size()) {
            WordToken next = ts.get(i + 1);
            if (next.kind() == WordToken.Kind.POSSESSIVE) return null; // "the sisters' room": owners
            if (next.isWord() && (Lexicon.isPersonNoun(next.lower()) || Lexicon.isPersonPlural(next.lower())))
                return null; // a modifier: "the servants' hall", "robber captains"
        }
        int j = i - 1;
        int count = 0;
        String subgroup = null;
        // "the Dobson twins", "the three Haddad brothers": a family's name between the article (or count) and the
        // plural
        if (j > 0
                && ts.get(j).capitalised()
                && ts.get(j).isWord()
                && (ts.get(j - 1).lower().equals("the")
                        || j > 1
                                && COUNTS.containsKey(ts.get(j - 1).lower())
                                && ts.get(j - 2).lower().equals("the"))
                && !COUNTS.containsKey(ts.get(j).lower())
                && !SUBGROUP.contains(ts.get(j).lower())
                && !Lexicon.ADJECTIVES.contains(ts.get(j).lower())
                && !Lexicon.isPersonNoun(ts.get(j).lower())) j--;
        while (j >= 0 && ts.get(j).isWord()) {
            String w = ts.get(j).lower();
            if (COUNTS.containsKey(w)) count = count == 0 ? COUNTS.get(w) : count;
            else if (SUBGROUP.contains(w)) subgroup = subgroup == null ? w : subgroup;
            else if (!Lexicon.ADJECTIVES.contains(w)) break;
            j--;
        }
        boolean determined =
                j >= 0 && (DETERMINERS.contains(ts.get(j).lower()) || ts.get(j).kind() == WordToken.Kind.POSSESSIVE);
        if (j >= 0
                && ts.get(j).lower().equals("the")
                && j > 0
                && ts.get(j - 1).lower().equals("both")
                && count == 0) count = 2;
        if (!determined && count == 0) return null;
        // "the poor children" and "the children" are one form: only the count and a subgroup tell apart
        String form =
                (count > 0 ? countWord(ts, j + 1, i) + " " : "") + (subgroup == null ? "" : subgroup + " ") + plural;
        String base = fold(singular);
        String key = subgroup == null ? base : (subgroup.equals("younger") ? "younger " : "elder ") + base;
        // "the Baxter twins" are two, though the phrase gives no count
        return new GroupPhrase(key, singular, plural, form, count == 0 && singular.equals("twin") ? 2 : count);
    }
}
