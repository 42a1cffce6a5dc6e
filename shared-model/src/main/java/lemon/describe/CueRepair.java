package lemon.describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lemon.story.StoryCue;

/**
 * Keeps a description true to what the story states: finds the story cues it contradicts (the
 * opposite gender or age, another colour for hair, beard, skin, clothing or headwear; rules in
 * {@link CueCheck}), drops the clauses that say so, and adds what the story states and the
 * description leaves out. Used on the offline describer's borrowed clauses and on an LLM's answer
 * that stays wrong after being asked again.
 */
public final class CueRepair {
    private CueRepair() {}

    private static final java.util.Set<String> APPENDABLE =
            java.util.Set.of("hair", "beard", "skin", "clothing", "headwear", "object", "station");

    public static List<StoryCue> contradicted(String description, List<StoryCue> cues) {
        return cues.stream()
                .filter(c -> CueCheck.check(c.kind(), c.value(), description) == CueCheck.Verdict.CONTRADICTED)
                .toList();
    }

    /** The description without the clauses that contradict a cue, with each missing cue added as a clause. */
    public static String repair(String description, List<StoryCue> cues) {
        String text = description.strip().replaceAll("[.]+$", "");
        for (StoryCue cue : cues) // the opposite sex is put right word by word ("woman" → "man"), not dropped
        if (cue.kind().equals("gender") && contradictedBy(text, cue))
                text = OfflineDescriber.adjustGender(
                        text, OfflineDescriber.genderFromWords(cue.value()).orElse(lemon.story.Gender.UNKNOWN));
        List<String> clauses = new ArrayList<>(Arrays.asList(text.split(", ")));
        for (StoryCue cue : cues) {
            // drop the fewest clauses: the one whose removal ends the contradiction, else every one that says the
            // opposite
            while (contradictedBy(String.join(", ", clauses), cue) && clauses.size() > 1) {
                int drop = -1;
                for (int i = 0; i < clauses.size() && drop < 0; i++) {
                    List<String> without = new ArrayList<>(clauses);
                    without.remove(i);
                    if (!contradictedBy(String.join(", ", without), cue)) drop = i;
                }
                if (drop < 0) break;
                clauses.remove(drop);
            }
        }
        String out = String.join(", ", clauses);
        for (StoryCue cue : cues) {
            // gender, age, build and looks shape the opening noun phrase; a clause of them alone would not read
            if (APPENDABLE.contains(cue.kind())
                    && CueCheck.check(cue.kind(), cue.value(), out) == CueCheck.Verdict.MISSING)
                out += ", " + clause(cue);
        }
        return out;
    }

    private static boolean contradictedBy(String description, StoryCue cue) {
        return CueCheck.check(cue.kind(), cue.value(), description) == CueCheck.Verdict.CONTRADICTED;
    }

    /** A cue as a clause of a description: "with a grey beard", "wearing a red cap", "carrying an axe". */
    public static String clause(StoryCue cue) {
        String v = cue.value().strip();
        String low = v.toLowerCase(Locale.ROOT);
        return switch (cue.kind()) {
            // "covered in soot" is said as it is
            case "hair", "beard", "skin" ->
                low.startsWith("with ") || low.startsWith("covered ")
                        ? v
                        // "his face was pale": "with a pale face"
                        : low.matches("(?!(a|an|the|his|her|their) ).*\\b(face|complexion)")
                                ? "with " + lemon.analysis.StoryCues.article(v) + " " + v
                                : "with " + v;
            case "clothing", "headwear" ->
                low.startsWith("wearing ") || OfflineDescriber.saysDressed(low) ? v : "wearing " + v;
            case "object" -> (lemon.analysis.StoryCues.isRidden(v) ? "riding " : "carrying ") + v;
            case "station" ->
                "every inch the " + lemon.analysis.StoryCues.WORK.getOrDefault(low, v); // "mended nets" → fisherman
            default -> v;
        };
    }
}
