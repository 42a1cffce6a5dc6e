package lemon.stage.visualize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lemon.port.ImageGenerator;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.personalize.PersonalizeStage;
import lemon.story.Personalization;
import lemon.story.Scene;
import lemon.story.SceneImage;
import lemon.story.StoryCharacter;

/**
 * visualize (§4.3): S pictures of every scene prompt with each named character's learned token in
 * place of its name, plus one portrait per character from its token alone ("a portrait of S_i"),
 * which shows what the model has learned of that character at this iteration. A token learned
 * beside its description ({@link PersonalizeStage.Tokens#DESCRIBED}) is painted beside it too. Seeds depend on the
 * scene and take only, so iterations differ by the model, not by the noise.
 */
public final class VisualizeStage implements Stage {
    public static final String NAME = "visualize";
    public static final String SCENE_IMAGES = "scene-images.json";
    public static final String SCENE_DIR = "scenes/";
    public static final String TOKEN_PORTRAITS = "personalized/";
    /** The training prompt of personalisation; a token portrait is painted from it. */
    public static final String PORTRAIT_PROMPT = "a portrait of ";
    /** People per picture in the bundled model's world (one column each). */
    public static final int MAX_PEOPLE = 3;

    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(AnalyzeStage.CHARACTERS, AnalyzeStage.SCENES, PersonalizeStage.PERSONALIZATION),
            List.of(SCENE_IMAGES, SCENE_DIR, TOKEN_PORTRAITS),
            Placement.ENGINE_CONTAINER,
            "Paint S pictures of every scene with the characters' learned tokens.");

    private final ImageGenerator painter;
    private final boolean sceneMapper;

    public VisualizeStage(ImageGenerator painter) {
        this(painter, true);
    }

    /**
     * @param sceneMapper whether scenes are painted with each token's NeTI mapper offsets, as the
     *     token portraits are (the paper), or with the token embedding alone: on the bundled model a
     *     mapper learned from portraits costs scenes people (issue 9's note)
     */
    public VisualizeStage(ImageGenerator painter, boolean sceneMapper) {
        this.painter = painter;
        this.sceneMapper = sceneMapper;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public StageOutput run(StageContext run) {
        List<StoryCharacter> characters = run.require(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        List<Scene> scenes = run.require(AnalyzeStage.SCENES, RunFileTypes.SCENES);
        Personalization p = run.require(PersonalizeStage.PERSONALIZATION, RunFileTypes.PERSONALIZATION);
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        characters.forEach(c -> byId.put(c.id(), c));
        Map<String, String> placeholders = new LinkedHashMap<>();
        p.tokens().forEach((id, t) -> placeholders.put(id, t.placeholder()));
        int takes = run.options().seedsPerScene();

        List<ImageGenerator.Request> requests = new ArrayList<>();
        List<SceneImage> images = new ArrayList<>();
        for (Scene s : scenes) {
            ScenePrompts.Painted painted = ScenePrompts.paint(
                    s,
                    byId,
                    placeholders,
                    MAX_PEOPLE,
                    run.options().style(),
                    painter.readsFreeText() ? ScenePrompts.Register.SENTENCE : ScenePrompts.Register.CAPTION);
            String prompt = painter.withAnchors(painted.prompt(), anchors(p, painted.placeholders()));
            for (int k = 0; k < takes; k++) {
                long seed = run.options().seeded(seed(s.index(), k));
                requests.add(
                        ImageGenerator.Request.scene(prompt, seed, tokens(p, painted.placeholders(), sceneMapper)));
                images.add(new SceneImage(
                        s.index(),
                        k,
                        seed,
                        s.prompt(),
                        prompt,
                        painted.characterIds(),
                        painted.placeholders(),
                        SCENE_DIR + s.index() + "-" + k + ".png"));
            }
        }
        List<String> portraitFiles = new ArrayList<>();
        for (var t : p.tokens().entrySet()) {
            String prompt = PORTRAIT_PROMPT + t.getValue().phrase();
            requests.add(new ImageGenerator.Request(
                    prompt,
                    run.options().seeded(seed(-1, 0)),
                    tokens(p, Map.of(t.getValue().placeholder(), t.getKey()))));
            portraitFiles.add(TOKEN_PORTRAITS + t.getKey() + ".png");
        }
        Function<String, java.util.Optional<byte[]>> mappers = run::bytes;
        List<byte[]> pngs = painter.withMappers(mappers).generate(requests);
        for (int i = 0; i < images.size(); i++) run.writeBytes(images.get(i).file(), pngs.get(i));
        for (int i = 0; i < portraitFiles.size(); i++)
            run.writeBytes(portraitFiles.get(i), pngs.get(images.size() + i));
        run.write(SCENE_IMAGES, images);
        return new StageOutput(
                images.size() + " pictures of " + scenes.size() + " scenes (" + takes + " each) and "
                        + portraitFiles.size() + " token portraits",
                Map.of("images", images.size(), "scenes", scenes.size()),
                Map.of("painter", painter.name()),
                List.of());
    }

    /** Placeholder → its token's anchor (null for tokens learned alone), for the painter's {@code withAnchors}. */
    static Map<String, String> anchors(Personalization p, Map<String, String> placeholders) {
        Map<String, String> out = new LinkedHashMap<>();
        placeholders.forEach((ph, id) -> out.put(ph, p.tokens().get(id).anchor()));
        return out;
    }

    /** The learned tokens of a prompt's placeholders, as the generator takes them. */
    static Map<String, ImageGenerator.LearnedToken> tokens(Personalization p, Map<String, String> placeholders) {
        return tokens(p, placeholders, true);
    }

    /** As {@link #tokens(Personalization, Map)}, without the mappers unless {@code withMapper}. */
    static Map<String, ImageGenerator.LearnedToken> tokens(
            Personalization p, Map<String, String> placeholders, boolean withMapper) {
        Map<String, ImageGenerator.LearnedToken> out = new LinkedHashMap<>();
        placeholders.forEach((ph, id) -> {
            Personalization.Token t = p.tokens().get(id);
            out.put(ph, new ImageGenerator.LearnedToken(t.embedding(), withMapper ? t.mapper() : null));
        });
        return out;
    }

    /** A stable seed per (scene, take); scene −1 is the token portraits. */
    public static long seed(int scene, int take) {
        return 7_000_003L * (scene + 2) + take;
    }
}
