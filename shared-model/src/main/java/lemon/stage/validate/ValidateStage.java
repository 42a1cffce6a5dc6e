package lemon.stage.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageTextScorer;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Gender;
import lemon.story.SceneCheck;
import lemon.story.SceneImage;
import lemon.story.StoryCharacter;

/**
 * validate (§4.3, character compatibility): the validator answers how many people each picture
 * shows and which genders, checked against the characters its prompt names; CLIP scores the
 * picture against the prompt (names read as class words, since CLIP knows no tokens) and the
 * score must reach the threshold. A picture passing all three is accepted.
 */
public final class ValidateStage implements Stage {
    public static final String NAME = "validate";
    public static final String SCENE_CHECKS = "scene-checks.json";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(AnalyzeStage.CHARACTERS, VisualizeStage.SCENE_IMAGES),
            List.of(SCENE_CHECKS),
            Placement.ENGINE_CONTAINER,
            "Ask the validator how many people and which genders; score text–image alignment with CLIP.");

    private final CompatibilityValidator validator;
    private final ImageTextScorer scorer;
    private final double clipThreshold;

    public ValidateStage(CompatibilityValidator validator, ImageTextScorer scorer, double clipThreshold) {
        this.validator = validator;
        this.scorer = scorer;
        this.clipThreshold = clipThreshold;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public StageOutput run(StageContext run) {
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        run.require(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS).forEach(c -> byId.put(c.id(), c));
        List<SceneImage> images = run.require(VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES);
        List<byte[]> pngs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (SceneImage img : images) {
            pngs.add(run.bytes(img.file())
                    .orElseThrow(() -> new IllegalStateException(
                            "run " + run.runId() + " has no " + img.file() + "; visualize has not completed")));
            texts.add(clipText(img, byId));
        }
        double[] clip = scorer.textImageScores(pngs, texts);
        List<SceneCheck> checks = new ArrayList<>();
        int accepted = 0, countOk = 0;
        for (int i = 0; i < images.size(); i++) {
            SceneImage img = images.get(i);
            List<Gender> expected =
                    img.characterIds().stream().map(id -> byId.get(id).gender()).toList();
            CompatibilityValidator.Verdict v = validator.inspect(pngs.get(i));
            boolean count = countMatches(v, expected);
            boolean genders = count && gendersMatch(expected, v.genders());
            boolean aligned = clip[i] >= clipThreshold;
            boolean ok = count && genders && aligned;
            accepted += ok ? 1 : 0;
            countOk += count ? 1 : 0;
            checks.add(new SceneCheck(
                    img.file(),
                    img.scene(),
                    img.take(),
                    expected.size(),
                    expected,
                    v.people(),
                    v.genders(),
                    round(v.confidence()),
                    round(clip[i]),
                    count,
                    genders,
                    aligned,
                    ok));
        }
        run.write(SCENE_CHECKS, checks);
        return new StageOutput(
                String.format(
                        Locale.ROOT,
                        "%d of %d pictures accepted (people count right in %d; CLIP ≥ %.2f)",
                        accepted,
                        images.size(),
                        countOk,
                        clipThreshold),
                Map.of("accepted", accepted, "images", images.size(), "countOk", countOk),
                Map.of("validator", validator.name(), "scorer", scorer.name()),
                List.of());
    }

    /** The painted prompt with each placeholder read as its character's class word ("a man"). */
    static String clipText(SceneImage img, Map<String, StoryCharacter> byId) {
        String text = img.paintedPrompt();
        for (var e : img.placeholders().entrySet()) {
            text = text.replace(
                    e.getKey(),
                    "a " + PersonalizeStage.classWord(byId.get(e.getValue()).gender()));
        }
        return text.replaceAll("\\b(the|a|an) a ", "a ");
    }

    /**
     * The genders seen hold the genders expected, in any order: a character of unstated gender
     * matches either, and the counts must already agree.
     */
    /** The validator counted the people painted (three standing for three or more). */
    public static boolean countMatches(CompatibilityValidator.Verdict v, List<Gender> expected) {
        return v.people() == Math.min(expected.size(), 3);
    }

    public static boolean gendersMatch(List<Gender> expected, List<Gender> seen) {
        if (seen.size() != expected.size()) return false;
        int needMale = 0, needFemale = 0, seenMale = 0, seenFemale = 0;
        for (Gender g : expected) {
            needMale += g == Gender.MALE ? 1 : 0;
            needFemale += g == Gender.FEMALE ? 1 : 0;
        }
        for (Gender g : seen) {
            seenMale += g == Gender.MALE ? 1 : 0;
            seenFemale += g == Gender.FEMALE ? 1 : 0;
        }
        return seenMale >= needMale && seenFemale >= needFemale;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
