package lemon.llm;

import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.port.CharacterDescriber;
import lemon.port.LlmClient;
import lemon.port.Progress;
import lemon.port.StoryAnalyst;

/** The analyst and describer the settings ask for: the configured LLM's, or the offline ones without one. */
public record TextAdapters(StoryAnalyst analyst, CharacterDescriber describer) {
    public static TextAdapters of(LlmSettings s, Progress progress, ChatModels.LocalModels gguf) {
        LlmClient llm = ChatModels.create(s, progress, gguf);
        if (llm == null) {
            return new TextAdapters(new OfflineAnalyst(), new OfflineDescriber());
        }
        StructuredLlm structured = new StructuredLlm(llm, s.maxAttempts());
        return new TextAdapters(new LlmStoryAnalyst(structured), new LlmDescriber(structured));
    }
}
