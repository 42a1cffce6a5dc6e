package lemon.port;

import java.util.List;
import lemon.model.CdPair;
import lemon.model.StoryCharacter;

/** describe-characters: one appearance sentence for a character, guided by retrieved examples. */
public interface CharacterDescriber {
    String name();

    String describe(String storyTitle, String storyText, StoryCharacter character, List<CdPair> examples);
}
