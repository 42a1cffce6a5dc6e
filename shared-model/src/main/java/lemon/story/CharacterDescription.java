package lemon.story;

import java.util.List;

/** One appearance sentence for a character, with the C.D. examples that guided it. */
public record CharacterDescription(String characterId, String name, String description, List<String> exampleIds) {
    public CharacterDescription {
        exampleIds = List.copyOf(exampleIds);
    }
}
