package lemon.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import lemon.story.CharacterDescription;
import lemon.story.CharacterMatch;
import lemon.story.InteractionGraph;
import lemon.story.Portrait;
import lemon.story.Scene;
import lemon.story.StoryCharacter;

/** The JSON types of the run files that more than one stage reads. */
public final class RunFileTypes {
    public static final TypeReference<List<StoryCharacter>> CHARACTERS = new TypeReference<>() {};
    public static final TypeReference<List<Scene>> SCENES = new TypeReference<>() {};
    public static final TypeReference<InteractionGraph> GRAPH = new TypeReference<>() {};
    public static final TypeReference<List<CharacterMatch>> MATCHES = new TypeReference<>() {};
    public static final TypeReference<List<CharacterDescription>> DESCRIPTIONS = new TypeReference<>() {};
    public static final TypeReference<List<Portrait>> PORTRAITS = new TypeReference<>() {};
    public static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    public static final TypeReference<lemon.story.TrainingSet> TRAINING_SET = new TypeReference<>() {};
    public static final TypeReference<List<lemon.story.TrainingSet.ScenePair>> SCENE_PAIRS = new TypeReference<>() {};
    public static final TypeReference<lemon.story.Personalization> PERSONALIZATION = new TypeReference<>() {};
    public static final TypeReference<List<lemon.story.SceneImage>> SCENE_IMAGES = new TypeReference<>() {};
    public static final TypeReference<List<lemon.story.SceneCheck>> SCENE_CHECKS = new TypeReference<>() {};
    public static final TypeReference<lemon.story.Refinement> REFINEMENT = new TypeReference<>() {};

    private RunFileTypes() {}
}
