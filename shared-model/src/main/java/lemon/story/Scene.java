package lemon.story;

import java.util.List;

/**
 * One scene prompt of the storyboard: at most 20 tokens, naming the characters present by their
 * canonical names; {@code characterIds} lists the same characters by id.
 */
public record Scene(int index, String prompt, List<String> characterIds) {
    public Scene {
        characterIds = List.copyOf(characterIds);
    }
}
