package lemon.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import lemon.model.CharacterDescription;
import lemon.model.CharacterMatch;
import lemon.model.InteractionGraph;
import lemon.model.Portrait;
import lemon.model.Scene;
import lemon.model.StoryCharacter;

/** The JSON types of the run files that more than one stage reads. */
public final class RunFileTypes {
    public static final TypeReference<List<StoryCharacter>> CHARACTERS = new TypeReference<>() {};
    public static final TypeReference<List<Scene>> SCENES = new TypeReference<>() {};
    public static final TypeReference<InteractionGraph> GRAPH = new TypeReference<>() {};
    public static final TypeReference<List<CharacterMatch>> MATCHES = new TypeReference<>() {};
    public static final TypeReference<List<CharacterDescription>> DESCRIPTIONS = new TypeReference<>() {};
    public static final TypeReference<List<Portrait>> PORTRAITS = new TypeReference<>() {};
    public static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private RunFileTypes() {}
}
