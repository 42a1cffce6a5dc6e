package lemon.cd;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Light paraphrasing for generated contexts: word-level synonyms and sentence openers, so that two
 * characters of one archetype do not share sentences verbatim (and retrieval has to match meaning,
 * not strings).
 */
final class Variation {
    private Variation() {}

    // Sorted keys keep the replacement order (and so the generated file) deterministic.
    private static final Map<String, List<String>> SYNONYMS = new TreeMap<>(Map.ofEntries(
            Map.entry("forest", List.of("woods", "wood", "greenwood")),
            Map.entry("gold", List.of("treasure", "riches", "gold coin")),
            Map.entry("hut", List.of("cottage", "cabin", "shack")),
            Map.entry("rock", List.of("boulder", "cliff face", "stone wall")),
            Map.entry("girl", List.of("maiden", "lass", "young woman")),
            Map.entry("child", List.of("little one", "youngster")),
            Map.entry("children", List.of("little ones", "youngsters")),
            Map.entry("castle", List.of("palace", "keep")),
            Map.entry("quietly", List.of("silently", "softly", "without a sound")),
            Map.entry("shouts", List.of("yells", "cries out", "bellows")),
            Map.entry("whispers", List.of("murmurs", "breathes")),
            Map.entry("carries", List.of("hauls", "lugs", "bears")),
            Map.entry("leads", List.of("guides", "takes")),
            Map.entry("runs", List.of("dashes", "hurries")),
            Map.entry("looks", List.of("gazes", "peers")),
            Map.entry("watches", List.of("observes", "eyes")),
            Map.entry("finds", List.of("discovers", "comes upon")),
            Map.entry("throws", List.of("hurls", "flings", "tosses")),
            Map.entry("sits", List.of("settles", "perches")),
            Map.entry("stands", List.of("waits", "lingers")),
            Map.entry("dawn", List.of("daybreak", "first light", "sunrise")),
            Map.entry("dusk", List.of("sundown", "twilight", "nightfall")),
            Map.entry("money", List.of("cash", "savings", "coins")),
            Map.entry("coins", List.of("pieces of gold", "money", "ducats")),
            Map.entry("house", List.of("home", "dwelling")),
            Map.entry("door", List.of("doorway", "front door")),
            Map.entry("street", List.of("lane", "road", "alley")),
            Map.entry("town", List.of("village", "city")),
            Map.entry("old", List.of("aged", "ancient", "elderly")),
            Map.entry("small", List.of("little", "tiny")),
            Map.entry("huge", List.of("enormous", "vast")),
            Map.entry("great", List.of("huge", "mighty")),
            Map.entry("angry", List.of("furious", "cross")),
            Map.entry("rage", List.of("fury", "temper")),
            Map.entry("poor", List.of("penniless", "needy")),
            Map.entry("rich", List.of("wealthy", "prosperous")),
            Map.entry("sword", List.of("blade", "sabre")),
            Map.entry("knife", List.of("blade", "dagger")),
            Map.entry("horse", List.of("steed", "mount", "mare")),
            Map.entry("workshop", List.of("studio", "atelier")),
            Map.entry("ship", List.of("vessel", "boat")),
            Map.entry("crew", List.of("sailors", "hands")),
            Map.entry("guests", List.of("visitors", "company")),
            Map.entry("letter", List.of("note", "message")),
            Map.entry("laughs", List.of("chuckles", "grins")),
            Map.entry("weeps", List.of("sobs", "cries"))));

    private static final List<String> OPENERS = List.of(
            "Later, ",
            "At dawn, ",
            "That night, ",
            "Meanwhile, ",
            "Without a word, ",
            "Moments later, ",
            "Suddenly, ",
            "Before long, ",
            "Once again, ",
            "The next day, ");

    private static final Pattern WORD = Pattern.compile("\\b[a-z]+\\b");

    /** Swaps some common words for synonyms (about half of the swappable ones). */
    static String paraphrase(String sentence, Random rnd) {
        Matcher m = WORD.matcher(sentence);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> alts = SYNONYMS.get(m.group());
            String repl = alts != null && rnd.nextBoolean() ? alts.get(rnd.nextInt(alts.size())) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(repl));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Sometimes prefixes a time or manner opener (never on dialogue lines). */
    static String opener(String sentence, Random rnd) {
        if (sentence.contains("(") || rnd.nextInt(4) != 0) return sentence;
        return OPENERS.get(rnd.nextInt(OPENERS.size())) + sentence;
    }
}
