package lemon.story;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One appearance sentence for a character, with the C.D. examples that guided it and the story cues
 * it keeps (what the story itself states about the character's looks and station).
 */
public record CharacterDescription(
        String characterId,
        String name,
        String description,
        List<String> exampleIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StoryCue> storyCues) {
    public CharacterDescription {
        exampleIds = List.copyOf(exampleIds);
        storyCues = storyCues == null ? List.of() : List.copyOf(storyCues);
    }

    public CharacterDescription(String characterId, String name, String description, List<String> exampleIds) {
        this(characterId, name, description, exampleIds, List.of());
    }
}
