package lemon.analysis;

import java.util.ArrayList;
import java.util.List;
import lemon.port.StoryAnalyst;
import lemon.story.InteractionGraph;
import lemon.story.Scene;
import lemon.story.StoryAnalysis;

/**
 * analyze-story without a language model: rule-based, deterministic, any story length. The story
 * text is only ever analysed: nothing in it is read as an instruction.
 */
public final class OfflineAnalyst implements StoryAnalyst {
    public static final int DEFAULT_SCENES = 30;

    @Override
    public String name() {
        return "offline-analyst (rule-based, deterministic; not an LLM)";
    }

    @Override
    public StoryAnalysis analyze(String storyText, int sceneCount) {
        String text = storyText == null ? "" : storyText;
        int scenes = sceneCount > 0 ? sceneCount : DEFAULT_SCENES;
        List<String> sentences = Sentences.split(text);
        List<List<WordToken>> tokens = new ArrayList<>();
        for (String s : sentences) tokens.add(WordTokenizer.tokenize(s));
        CharacterFinder.Result found = CharacterFinder.find(sentences, tokens);
        List<String> warnings = new ArrayList<>(found.warnings());
        if (found.characters().isEmpty()) {
            String script = otherScript(text);
            warnings.add(
                    script == null
                            ? "no characters found in the story"
                            : NO_CHARACTERS_BECAUSE + "the story is written mostly in " + script + " script, and the"
                                    + " offline analyst reads English (it finds names by their capitals); set"
                                    + " lemon.llm.provider to an LLM to analyse it");
            return new StoryAnalysis(List.of(), List.of(), new InteractionGraph(List.of(), List.of()), warnings);
        }
        List<Scene> sceneList = new SceneComposer(found.index()).compose(scenes);
        if (sceneList.size() < scenes) {
            warnings.add("story has only " + sceneList.size() + " sentences with characters; made " + sceneList.size()
                    + " scenes instead of " + scenes);
        }
        InteractionGraph graph = GraphBuilder.build(found.index(), found.characters());
        return new StoryAnalysis(found.characters(), sceneList, graph, warnings);
    }

    /** The script most letters of {@code text} are in when it is not Latin ("Han", "Arabic"), else null. */
    static String otherScript(String text) {
        java.util.Map<Character.UnicodeScript, Integer> counts = new java.util.EnumMap<>(Character.UnicodeScript.class);
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            letters++;
            counts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum);
        }
        var top = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue());
        if (top.isEmpty()
                || top.get().getKey() == Character.UnicodeScript.LATIN
                || 2 * top.get().getValue() < letters) return null;
        String name = top.get().getKey().name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
