package lemon.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a description keeps or contradicts one appearance cue the story states. Kept: a gender or
 * age cue when the description gives the same gender or age band ("daughter" by "a young woman",
 * "an ancient dame" by "an old woman"); any other cue when most of its content words are in the
 * description (a word counts when the description has a word with the same first five letters:
 * "braided" keeps "braid"). Contradicted: the description says
 * the opposite gender or age, or paints the cue's hair, beard, skin, clothing or headwear in
 * another colour and never in the cue's. A rough, printed measure, not a judge of style.
 */
public final class CueCheck {
    public enum Verdict {
        KEPT,
        MISSING,
        CONTRADICTED
    }

    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "of", "and", "in", "on", "with", "his", "her", "their", "its", "as", "to", "was", "were",
            "is", "be", "had", "has", "that", "this", "very", "like", "so", "i", "am", "my", "all", "for", "by", "at",
            "from", "who", "which", "than", "more", "most");
    static final Set<String> MALE = Set.of(
            "man",
            "men",
            "boy",
            "king",
            "prince",
            "father",
            "son",
            "brother",
            "husband",
            "lord",
            "gentleman",
            "he",
            "him",
            "his",
            "uncle",
            "nephew",
            "sultan",
            "bridegroom",
            "lad");
    static final Set<String> FEMALE = Set.of(
            "woman",
            "women",
            "girl",
            "queen",
            "princess",
            "mother",
            "daughter",
            "sister",
            "wife",
            "she",
            "her",
            "lady",
            "maid",
            "maiden",
            "niece",
            "aunt",
            "bride",
            "dame",
            "widow");
    static final Set<String> OLD = Set.of("old", "aged", "elderly", "grey-haired", "ancient", "sixties", "seventies");
    static final Set<String> YOUNG =
            Set.of("young", "little", "child", "children", "youth", "teens", "twenties", "youngest");
    static final Set<String> COLOURS = Set.of(
            "black", "white", "grey", "gray", "red", "golden", "gold", "yellow", "brown", "blue", "green", "silver",
            "auburn", "copper", "purple", "pink", "orange", "scarlet", "crimson", "fair", "dark", "ruddy");
    /** Number words of an age under twenty. */
    static final Set<String> TEENS_OR_LESS = Set.copyOf(lemon.analysis.StoryCues.AGE_NUMBERS.subList(0, 19));

    private static final Set<String> PRONOUNS = Set.of("he", "him", "his", "she", "her");
    private static final Set<String> COLOURED = Set.of("hair", "beard", "skin", "clothing", "headwear");

    private CueCheck() {}

    public static Verdict check(String kind, String value, String description) {
        List<String> d = words(description), v = words(value);
        if (contradicts(kind, v, d)) return Verdict.CONTRADICTED;
        // a gender or age cue is about the person, not its words: "daughter" is kept by "a young woman"
        Set<String> side = side(kind, v);
        if (side != null && d.stream().anyMatch(side::contains)) return Verdict.KEPT;
        List<String> content =
                v.stream().filter(w -> !STOP.contains(w) && w.length() > 2).toList();
        if (content.isEmpty()) return Verdict.MISSING;
        long present = content.stream().filter(w -> has(d, w)).count();
        return 2 * present >= content.size() ? Verdict.KEPT : Verdict.MISSING;
    }

    /** For a gender or age cue that says one side (male or female, old or young), the words of that side; else null. */
    private static Set<String> side(String kind, List<String> v) {
        switch (kind) {
            case "gender" -> {
                boolean male = v.stream().anyMatch(w -> inSingular(MALE, w)),
                        female = v.stream().anyMatch(w -> inSingular(FEMALE, w));
                return male == female ? null : male ? MALE : FEMALE;
            }
            case "age" -> {
                boolean old = v.stream().anyMatch(OLD::contains),
                        young = v.stream().anyMatch(YOUNG::contains);
                if (v.contains("years")) { // "fifteen years old" is young: the count decides, not "old"
                    old = false;
                    // "fifty-three years old": the three is a unit of the fifty
                    young = v.stream().anyMatch(TEENS_OR_LESS::contains)
                            && v.stream().noneMatch(w -> lemon.analysis.StoryCues.AGE_NUMBERS.indexOf(w) >= 19);
                }
                return old == young ? null : old ? OLD : YOUNG;
            }
            default -> {
                return null;
            }
        }
    }

    /** In the set as it is or without a plural s ("brothers", "daughters"). */
    private static boolean inSingular(Set<String> set, String w) {
        if (PRONOUNS.contains(w)) return false; // "his daughter": the owner's gender, not the cue's
        return set.contains(w) || (w.endsWith("s") && set.contains(w.substring(0, w.length() - 1)));
    }

    private static boolean contradicts(String kind, List<String> v, List<String> d) {
        switch (kind) {
            case "gender", "age" -> {
                Set<String> same = side(kind, v);
                if (same == null) return false;
                Set<String> other = same == MALE ? FEMALE : same == FEMALE ? MALE : same == OLD ? YOUNG : OLD;
                // an age word among what they wear or carry is the thing's: "wearing nasty old clothes"
                if (kind.equals("age")) d = beforeWhatTheyWear(d);
                return d.stream().anyMatch(other::contains) && d.stream().noneMatch(same::contains);
            }
            default -> {
                if (!COLOURED.contains(kind)) return false;
                List<String> colours = v.stream().filter(COLOURS::contains).toList();
                if (colours.isEmpty()) return false;
                String noun = switch (kind) {
                    case "hair", "beard", "skin" -> kind;
                    default -> v.get(v.size() - 1);
                };
                boolean other = false;
                for (int i = 0; i < d.size(); i++) {
                    if (!d.get(i).startsWith(noun)) continue;
                    // the colours before the noun, back to the thing before it: "a gold and silver dress, slippers
                    // of spangled silk" does not colour the slippers silver
                    for (int k = i - 1; k >= Math.max(0, i - 3) && !isThing(d.get(k)); k--) {
                        if (colours.contains(d.get(k))) return false;
                        if (COLOURS.contains(d.get(k))) other = true;
                    }
                }
                return other && colours.stream().noneMatch(d::contains);
            }
        }
    }

    /** A word that names something worn or carried, in the singular or plural. */
    private static boolean isThing(String w) {
        String singular = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
        return lemon.analysis.StoryCues.isThing(w) || lemon.analysis.StoryCues.isThing(singular);
    }

    private static final Set<String> WEAR = Set.of("wearing", "carrying", "dressed", "clad", "holding");

    /** The words before the first clause of clothes or things carried. */
    private static List<String> beforeWhatTheyWear(List<String> d) {
        for (int i = 0; i < d.size(); i++) if (WEAR.contains(d.get(i))) return d.subList(0, i);
        return d;
    }

    /** Whether the description has the word (in the singular), by its first five letters, alone or as part of a hyphened word ("waiting-maid"). */
    private static boolean has(List<String> d, String w) {
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.substring(0, w.length() - 1); // "lamps"
        String stem = w.length() > 5 ? w.substring(0, 5) : w;
        return d.stream()
                .anyMatch(x -> x.startsWith(stem)
                        || java.util.Arrays.stream(x.split("-")).anyMatch(part -> part.startsWith(stem)));
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.toLowerCase(Locale.ROOT).replace('’', '\'').split("[^\\p{L}'-]+"))
            if (!w.isBlank()) out.add(w.replaceAll("'s$", ""));
        return out;
    }
}
