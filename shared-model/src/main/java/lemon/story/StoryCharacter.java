package lemon.story;

import java.util.List;

/**
 * A character of the story. {@code id} is a stable slug of the canonical name ("cassims-wife"),
 * used as the key everywhere else (scenes, graph, matches, descriptions).
 *
 * @param role short phrase for what the character is in the story ("woodcutter", "slave girl",
 *             "captain of the thieves"), or empty when unknown
 * @param mentions how many sentences mention the character after alias merging
 */
public record StoryCharacter(String id, String name, List<String> aliases, Gender gender, String role, int mentions) {
    public StoryCharacter {
        aliases = List.copyOf(aliases);
        role = role == null ? "" : role;
    }
}
