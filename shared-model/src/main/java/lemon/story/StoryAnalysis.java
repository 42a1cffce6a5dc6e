package lemon.story;

import java.util.List;

/** What analyze-story produces: characters, scene prompts, the interaction graph and warnings. */
public record StoryAnalysis(
        List<StoryCharacter> characters, List<Scene> scenes, InteractionGraph graph, List<String> warnings) {
    public StoryAnalysis {
        characters = List.copyOf(characters);
        scenes = List.copyOf(scenes);
        warnings = List.copyOf(warnings);
    }
}
