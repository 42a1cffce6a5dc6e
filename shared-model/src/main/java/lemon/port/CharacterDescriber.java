package lemon.port;

import java.util.List;
import lemon.story.CdPair;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;

/** describe-characters: one appearance sentence for a character, guided by retrieved examples. */
public interface CharacterDescriber {
    String name();

    /**
     * @param all every character of the story (to tell sentences about this one from the others)
     * @param examples retrieved C.D. pairs, best first
     * @param stated what the story states about the character (read once by describe-characters, which also
     *               records the ones the description keeps): the description keeps them and never contradicts them
     */
    String describe(
            String storyTitle,
            String storyText,
            StoryCharacter character,
            List<StoryCharacter> all,
            List<CdPair> examples,
            List<StoryCue> stated);

    /**
     * The whole cast of one story, in its order (lists by character): by default each described on its own. A
     * describer that can tell the characters apart (no two with one borrowed face) does it here.
     */
    default List<String> describeCast(
            String storyTitle,
            String storyText,
            List<StoryCharacter> cast,
            List<List<CdPair>> examples,
            List<List<StoryCue>> stated) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < cast.size(); i++)
            out.add(describe(storyTitle, storyText, cast.get(i), cast, examples.get(i), stated.get(i)));
        return out;
    }

    /**
     * {@code describer} shown no retrieved examples, whatever match-characters chose: the \ICL ablation,
     * where the description comes from the story alone.
     */
    static CharacterDescriber withoutExamples(CharacterDescriber describer) {
        return new CharacterDescriber() {
            @Override
            public String name() {
                return describer.name() + " (no examples)";
            }

            @Override
            public String describe(
                    String storyTitle,
                    String storyText,
                    StoryCharacter character,
                    List<StoryCharacter> all,
                    List<CdPair> examples,
                    List<StoryCue> stated) {
                return describer.describe(storyTitle, storyText, character, all, List.of(), stated);
            }
        };
    }
}
