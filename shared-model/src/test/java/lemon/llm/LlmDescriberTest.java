package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.describe.CueRepair;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;
import org.junit.jupiter.api.Test;

/** The describer through a scripted LLM (a stand-in for the remote endpoint): our checks around its answers. */
class LlmDescriberTest {
    static final String STORY =
            "Henrik was a tall man with a grey beard. Henrik lived by the sea." + " Henrik mended nets every morning.";
    static final StoryCharacter HENRIK = new StoryCharacter("henrik", "Henrik", List.of(), Gender.MALE, "", 3);
    static final List<StoryCue> STATED = List.of(new StoryCue("beard", "a grey beard", ""));

    private static String describe(StructuredLlmTest.ScriptedLlm llm) {
        return new LlmDescriber(new StructuredLlm(llm, 3)).describe("t", STORY, HENRIK, List.of(HENRIK), List.of());
    }

    @Test
    void theStatedCuesAreInThePromptAndAFaithfulAnswerIsKept() {
        var llm = new StructuredLlmTest.ScriptedLlm()
                .then(
                        "{\"description\": \"a tall man in his sixties with a grey beard, wearing a fisherman's smock\"}");
        assertEquals("a tall man in his sixties with a grey beard, wearing a fisherman's smock", describe(llm));
        assertEquals(1, llm.prompts.size());
        assertTrue(llm.prompts.get(0).contains("beard: a grey beard"), llm.prompts.get(0));
    }

    @Test
    void aContradictingAnswerIsAskedOnceMoreWithWhatItGotWrong() {
        var llm = new StructuredLlmTest.ScriptedLlm()
                .then("{\"description\": \"a tall woman with braided red hair, wearing a crown of white flowers\"}")
                .then("{\"description\": \"a tall man with a grey beard, wearing an oilskin coat\"}");
        assertEquals("a tall man with a grey beard, wearing an oilskin coat", describe(llm));
        assertEquals(2, llm.prompts.size());
        assertTrue(llm.prompts.get(1).contains("contradicted the story"), llm.prompts.get(1));
        assertTrue(llm.prompts.get(1).contains("gender: man"), llm.prompts.get(1));
    }

    @Test
    void anAnswerStillWrongTheSecondTimeIsRepaired() {
        var llm = new StructuredLlmTest.ScriptedLlm()
                .then("{\"description\": \"a woman in her twenties, with a black beard, wearing a blue coat\"}")
                .then("{\"description\": \"a woman in her twenties, with a black beard, wearing a blue coat\"}");
        String d = describe(llm);
        assertEquals(2, llm.prompts.size(), "asked once more, not again and again");
        assertTrue(
                CueRepair.contradicted(d, lemon.analysis.StoryCues.of(STORY, HENRIK, List.of(HENRIK)))
                        .isEmpty(),
                d);
        assertTrue(d.contains("a grey beard"), d);
        assertEquals("a man in his twenties, wearing a blue coat, with a grey beard, every inch the fisherman", d);
    }

    @Test
    void theCastIsDressedApartWhereTheAnswersLeaveTheClothesUncoloured() {
        StoryCharacter ole = new StoryCharacter("ole", "Ole", List.of(), Gender.MALE, "", 3);
        var llm = new StructuredLlmTest.ScriptedLlm()
                .then("{\"description\": \"a tall man in his sixties with a grey beard, wearing a fisherman's smock\"}")
                .then("{\"description\": \"a short man in his forties, wearing a fisherman's smock\"}");
        List<String> d = new LlmDescriber(new StructuredLlm(llm, 3))
                .describeCast(
                        "t",
                        STORY + " Ole sold the fish.",
                        List.of(HENRIK, ole),
                        List.of(List.of(), List.of()),
                        List.of(STATED, List.of()));
        assertEquals(
                List.of(
                        "a tall man in his sixties with a grey beard, wearing a fisherman's blue smock",
                        "a short man in his forties, wearing a fisherman's green smock"),
                d);
    }
}
