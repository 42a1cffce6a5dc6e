package lemon.story;

import java.util.List;
import java.util.Map;

/**
 * One picture visualize painted: take {@code take} (0..S-1) of scene {@code scene}.
 *
 * @param prompt        the scene prompt as analyze-story wrote it
 * @param paintedPrompt what the generator was given: names replaced by placeholders, style appended
 * @param characterIds  the characters painted, by their placeholders' order in the prompt (at most
 *                      the generator's people per scene)
 * @param placeholders  placeholder → character id
 */
public record SceneImage(
        int scene,
        int take,
        long seed,
        String prompt,
        String paintedPrompt,
        List<String> characterIds,
        Map<String, String> placeholders,
        String file) {
    public SceneImage {
        characterIds = List.copyOf(characterIds);
        placeholders =
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(placeholders)); // sorted: stable JSON
    }
}
