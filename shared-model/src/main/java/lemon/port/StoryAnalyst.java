package lemon.port;

import lemon.story.StoryAnalysis;

/** analyze-story: characters, scene prompts and the interaction graph of a story. */
public interface StoryAnalyst {
    /** What did the work, for the manifest ("offline-analyst", "openai:llama-3-8b"). */
    String name();

    StoryAnalysis analyze(String storyText, int sceneCount);
}
