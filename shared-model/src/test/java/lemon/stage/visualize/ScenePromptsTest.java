package lemon.stage.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import lemon.story.Gender;
import lemon.story.Scene;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class ScenePromptsTest {
    static final Map<String, StoryCharacter> CAST = Map.of(
            "ali-baba", new StoryCharacter("ali-baba", "Ali Baba", List.of(), Gender.MALE, "", 9),
            "ali-babas-wife", new StoryCharacter("ali-babas-wife", "Ali Baba's wife", List.of(), Gender.FEMALE, "", 4),
            "cassim", new StoryCharacter("cassim", "Cassim", List.of("the brother"), Gender.MALE, "", 5),
            "morgiana", new StoryCharacter("morgiana", "Morgiana", List.of(), Gender.FEMALE, "", 5));
    static final Map<String, String> TOKENS =
            Map.of("ali-baba", "<c1>", "ali-babas-wife", "<c2>", "cassim", "<c3>", "morgiana", "<c4>");

    static ScenePrompts.Painted paint(String prompt, List<String> ids, ScenePrompts.Register r) {
        return ScenePrompts.paint(new Scene(0, prompt, ids), CAST, TOKENS, 3, "", r);
    }

    @Test
    void namesBecomePlaceholdersLongestFirstInTheSentenceRegister() {
        var p = paint(
                "Ali Baba told Ali Baba's wife what the brother had seen",
                List.of("ali-baba", "ali-babas-wife", "cassim"),
                ScenePrompts.Register.SENTENCE);
        assertEquals("<c1> told <c2> what <c3> had seen", p.prompt());
        assertEquals(List.of("ali-baba", "ali-babas-wife", "cassim"), p.characterIds());
    }

    @Test
    void theCaptionRegisterSaysThePeopleAndTheActionInTheWorldsWords() {
        assertEquals(
                "<c1> talks with <c2>, while <c3> looks on",
                paint(
                                "Ali Baba told Ali Baba's wife what Cassim had seen",
                                List.of("ali-baba", "ali-babas-wife", "cassim"),
                                ScenePrompts.Register.CAPTION)
                        .prompt());
        assertEquals(
                "<c4> hands a sealed letter to <c1>",
                paint(
                                "Morgiana gave the letter to Ali Baba at dawn",
                                List.of("morgiana", "ali-baba"),
                                ScenePrompts.Register.CAPTION)
                        .prompt());
        assertEquals(
                "<c3> argues with <c1>",
                paint(
                                "Cassim quarrelled with Ali Baba over the gold",
                                List.of("cassim", "ali-baba"),
                                ScenePrompts.Register.CAPTION)
                        .prompt());
        assertEquals(
                "<c1> stands alone",
                paint("Ali Baba drove his asses into the yard", List.of("ali-baba"), ScenePrompts.Register.CAPTION)
                        .prompt());
    }

    @Test
    void aPictureHoldsThreePeopleTheFourthIsLeftOutOfTheCaption() {
        var p = paint(
                "Cassim and Morgiana stood with Ali Baba and Ali Baba's wife",
                List.of("cassim", "morgiana", "ali-baba", "ali-babas-wife"),
                ScenePrompts.Register.CAPTION);
        assertEquals(List.of("cassim", "morgiana", "ali-baba"), p.characterIds());
        assertEquals("<c3> stands beside <c4>, while <c1> looks on", p.prompt());
    }
}
