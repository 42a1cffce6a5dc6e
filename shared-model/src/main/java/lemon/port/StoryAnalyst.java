package lemon.port;

import lemon.story.StoryAnalysis;

/** analyze-story: characters, scene prompts and the interaction graph of a story. */
public interface StoryAnalyst {
    /** What did the work, for the manifest ("offline-analyst", "openai:llama-3-8b"). */
    String name();

    /**
     * How a warning starts that says why no character was found ("no characters found: the story is
     * written mostly in Han script …"); analyze-story adds the reason to its rejection.
     */
    String NO_CHARACTERS_BECAUSE = "no characters found: ";

    StoryAnalysis analyze(String storyText, int sceneCount);
}
