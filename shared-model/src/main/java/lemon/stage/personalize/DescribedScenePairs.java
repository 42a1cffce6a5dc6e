package lemon.stage.personalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageGenerator;
import lemon.stage.StageContext;
import lemon.stage.StageKey;
import lemon.stage.validate.ValidateStage;
import lemon.stage.visualize.ScenePrompts;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Gender;
import lemon.story.Scene;
import lemon.story.StoryCharacter;
import lemon.story.TrainingSet;

/**
 * Scene pairs for the first personalisation, painted by the base model: each scene of two or more
 * characters is painted {@code takes} times with the characters' descriptions where their names
 * were, the validator checks the people count and genders, and a picture that passes becomes a
 * training pair under the prompt visualize paints that scene with (the tokens, with their anchors).
 *
 * <p>Not in the paper, whose first pass learns from portraits alone and meets several people only
 * through the pictures refine accepts. On the bundled model a token learned from one-person
 * portraits pulls a scene towards one figure (issue 9's note), while the base model with the
 * descriptions paints the right number of people about half the time: its validated pictures show
 * each token "one person among several" from the start. Seeds differ from visualize's, so the
 * pairs are other pictures of the scenes than the ones visualize paints and validate judges.
 *
 * @param prompter writes a scene's prompt with each painted character's description in place of
 *     its name, fitted to what the painter reads (the evaluation's Base prompts)
 * @param takes    pictures per scene (0: none painted)
 */
public record DescribedScenePairs(
        ImageGenerator painter, CompatibilityValidator validator, Prompter prompter, int takes) {
    /** Where the pictures go (under personalize's folder, so they are the stage's outputs). */
    public static final String DIR = PersonalizeStage.DIR + "described/";

    /** The accepted pairs, what the next refine starts its training set from. */
    public static final String PAIRS = PersonalizeStage.DIR + "described-pairs.json";

    /** Seeds are visualize's for takes from this one on, which visualize never reaches. */
    static final int FIRST_TAKE = 1000;

    public DescribedScenePairs {
        if (takes < 0) throw new IllegalArgumentException("described scene pairs per scene must be ≥ 0, got " + takes);
    }

    /** A scene's prompt with descriptions in place of the painted characters' names. */
    @FunctionalInterface
    public interface Prompter {
        String prompt(
                Scene scene,
                Map<String, StoryCharacter> characters,
                Map<String, String> descriptions,
                List<String> painted,
                String style,
                ScenePrompts.Register register);
    }

    /**
     * What was painted: the accepted pairs and their pictures' bytes (in the same order), and how
     * many pictures of how many scenes were tried.
     */
    public record Result(List<TrainingSet.ScenePair> pairs, List<byte[]> pngs, int pictures, int scenes) {
        static final Result NONE = new Result(List.of(), List.of(), 0, 0);
    }

    /**
     * Paints, checks and writes the pairs of this run (pictures under {@link #DIR}).
     *
     * @param placeholders character id → its placeholder (personalize's)
     * @param anchors      placeholder → its token's anchor (what the token is trained and painted beside)
     * @param descriptions character id → its description
     */
    public Result paint(
            StageContext run,
            Map<String, StoryCharacter> characters,
            List<Scene> scenes,
            Map<String, String> placeholders,
            Map<String, String> anchors,
            Map<String, String> descriptions) {
        if (takes == 0) return Result.NONE;
        ScenePrompts.Register register =
                painter.readsFreeText() ? ScenePrompts.Register.SENTENCE : ScenePrompts.Register.CAPTION;
        String style = run.options().style();
        List<ImageGenerator.Request> requests = new ArrayList<>();
        List<TrainingSet.ScenePair> candidates = new ArrayList<>();
        List<List<Gender>> expected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int sceneCount = 0;
        for (Scene s : scenes) {
            ScenePrompts.Painted p =
                    ScenePrompts.paint(s, characters, placeholders, VisualizeStage.MAX_PEOPLE, style, register);
            if (p.characterIds().size() < 2) continue;
            sceneCount++;
            String described = prompter.prompt(s, characters, descriptions, p.characterIds(), style, register);
            // as visualize paints it: a crowded scene's anchors shortened to fit the model's window
            String trained = painter.withAnchors(p.prompt(), anchors);
            List<Gender> genders = p.characterIds().stream()
                    .map(id -> characters.get(id).gender())
                    .toList();
            for (int k = 0; k < takes; k++) {
                requests.add(ImageGenerator.Request.scene(
                        described, run.options().seeded(VisualizeStage.seed(s.index(), FIRST_TAKE + k)), Map.of()));
                String name = DIR + s.index() + "-" + k + ".png";
                names.add(name);
                candidates.add(
                        new TrainingSet.ScenePair(StageKey.file(name, run.iteration()), trained, p.placeholders()));
                expected.add(genders);
            }
        }
        if (requests.isEmpty()) return Result.NONE;
        List<byte[]> pngs = painter.generate(requests);
        List<TrainingSet.ScenePair> accepted = new ArrayList<>();
        List<byte[]> acceptedPngs = new ArrayList<>();
        for (int i = 0; i < pngs.size(); i++) {
            if (!passes(validator.inspect(pngs.get(i)), expected.get(i))) continue;
            run.writeBytes(names.get(i), pngs.get(i));
            accepted.add(candidates.get(i));
            acceptedPngs.add(pngs.get(i));
        }
        return new Result(accepted, acceptedPngs, pngs.size(), sceneCount);
    }

    /** The validator's people count and genders agree with the characters painted (validate's rule, CLIP aside). */
    public static boolean passes(CompatibilityValidator.Verdict v, List<Gender> expected) {
        return ValidateStage.countMatches(v, expected) && ValidateStage.gendersMatch(expected, v.genders());
    }

    /** Placeholder → anchor for {@link #paint}, from the tokens' placeholders and anchors (by character id). */
    static Map<String, String> byPlaceholder(Map<String, String> placeholders, Map<String, String> anchors) {
        Map<String, String> out = new LinkedHashMap<>();
        placeholders.forEach((id, ph) -> out.put(ph, anchors.get(id)));
        return out;
    }
}
