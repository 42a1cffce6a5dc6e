package lemon.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.port.CompatibilityValidator.Verdict;
import lemon.story.Gender;
import lemon.vision.UnusableAnswerException.Kind;
import org.junit.jupiter.api.Test;

class VisionQuestionTest {
    @Test
    void thePromptAsksBothOfThePapersQuestionsForOneJsonObject() {
        String p = VisionQuestion.PROMPT;
        assertTrue(p.contains("How many characters (people) are in the image?"), p);
        assertTrue(p.contains("What is the gender distribution of these people"), p);
        assertTrue(p.contains("{\"people\": 2, \"genders\": [\"male\", \"female\"]}"), p);
        assertTrue(p.contains("from left to right"), p);
        assertTrue(p.contains("from 0 to 10"), p);
    }

    @Test
    void aCorrectAnswerBecomesAVerdictLeftToRight() {
        Verdict v = VisionQuestion.parse("{\"people\": 2, \"genders\": [\"female\", \"male\"]}");
        assertEquals(new Verdict(2, List.of(Gender.FEMALE, Gender.MALE), 1.0), v);
    }

    @Test
    void noOneAndUnknownGendersAndCaseAreRead() {
        assertEquals(new Verdict(0, List.of(), 1.0), VisionQuestion.parse("{\"people\":0,\"genders\":[]}"));
        assertEquals(
                new Verdict(1, List.of(Gender.UNKNOWN), 1.0),
                VisionQuestion.parse(" {\"people\": 1, \"genders\": [\"Unknown\"]} \n"));
    }

    @Test
    void aCodeFenceAroundTheObjectIsAccepted() {
        assertEquals(
                new Verdict(1, List.of(Gender.MALE), 1.0),
                VisionQuestion.parse("```json\n{\"people\": 1, \"genders\": [\"male\"]}\n```"));
    }

    @Test
    void fourOrMorePeopleAreThreeOrMoreWithAllTheirGenders() {
        Verdict v = VisionQuestion.parse("{\"people\": 4, \"genders\": [\"male\", \"female\", \"male\", \"unknown\"]}");
        assertEquals(3, v.people());
        assertEquals(List.of(Gender.MALE, Gender.FEMALE, Gender.MALE, Gender.UNKNOWN), v.genders());
    }

    @Test
    void proseAroundTheObjectIsMalformed() {
        var e = unusable("Sure! Here it is: {\"people\": 1, \"genders\": [\"male\"]}");
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals("the answer is not only a JSON object", e.getMessage());
        assertEquals("Sure! Here it is: {\"people\": 1, \"genders\": [\"male\"]}", e.answer());
    }

    @Test
    void brokenJsonMissingOrMistypedFieldsAreMalformedAndSaySo() {
        assertEquals(Kind.MALFORMED, unusable("").kind());
        assertEquals("the answer was empty", unusable("  ").getMessage());
        assertTrue(unusable("{\"people\": 1, \"genders\": [\"male\"]")
                .getMessage()
                .startsWith("the answer is not valid JSON"));
        assertTrue(unusable("{\"people\": 1, \"genders\": []} {}")
                .getMessage()
                .startsWith("the answer is not valid JSON"));
        assertEquals(
                "the answer has no \"people\" count",
                unusable("{\"genders\": []}").getMessage());
        assertEquals(
                "\"people\" is not a whole number: \"two\"",
                unusable("{\"people\": \"two\", \"genders\": [\"male\", \"male\"]}")
                        .getMessage());
        assertEquals(
                "\"people\" is not a whole number: 1.5",
                unusable("{\"people\": 1.5, \"genders\": [\"male\"]}").getMessage());
        assertEquals(
                "the answer has no \"genders\" list",
                unusable("{\"people\": 1}").getMessage());
        assertEquals(
                "genders[1] is \"boy\", not \"male\", \"female\" or \"unknown\"",
                unusable("{\"people\": 2, \"genders\": [\"male\", \"boy\"]}").getMessage());
    }

    @Test
    void aCountOutsideZeroToTenIsOutOfRange() {
        var e = unusable("{\"people\": -1, \"genders\": []}");
        assertEquals(Kind.OUT_OF_RANGE, e.kind());
        assertEquals("\"people\" is -1, outside 0..10", e.getMessage());
        assertEquals(
                Kind.OUT_OF_RANGE, unusable("{\"people\": 11, \"genders\": []}").kind());
    }

    @Test
    void gendersThatDoNotMatchTheCountAreAMismatch() {
        var e = unusable("{\"people\": 2, \"genders\": [\"male\"]}");
        assertEquals(Kind.MISMATCH, e.kind());
        assertEquals("\"people\" is 2 but 1 gender(s) are listed; list one per person", e.getMessage());
    }

    @Test
    void aRefusalIsRecognisedAsOne() {
        for (String refusal : List.of(
                "I can't help with that.",
                "I’m sorry, but I cannot identify people's genders in images.",
                "As an AI, I am unable to determine gender.")) {
            var e = unusable(refusal);
            assertEquals(Kind.REFUSED, e.kind(), refusal);
            assertEquals(refusal, e.answer());
        }
        // prose that declines nothing is just malformed
        assertEquals(
                Kind.MALFORMED,
                unusable("There are two people: a man and a woman.").kind());
    }

    @Test
    void longAnswersAreQuotedOnOneShortLine() {
        String quote = VisionQuestion.quote("a\n\n  b " + "x".repeat(300));
        assertTrue(quote.startsWith("a b xxx"), quote);
        assertEquals(VisionQuestion.QUOTE_CHARS + 1, quote.length());
        assertTrue(quote.endsWith("…"));
        assertEquals("(nothing)", VisionQuestion.quote(null));
    }

    @Test
    void theReaskSpellsOutTheProblem() {
        String r = VisionQuestion.reask("\"people\" is 2 but 1 gender(s) are listed; list one per person");
        assertTrue(r.startsWith(VisionQuestion.PROMPT));
        assertTrue(
                r.endsWith(
                        "Your previous answer could not be used: \"people\" is 2 but 1 gender(s) are listed; list one"
                                + " per person. Answer again with only the JSON object described above."),
                r);
    }

    private static UnusableAnswerException unusable(String answer) {
        return assertThrows(UnusableAnswerException.class, () -> VisionQuestion.parse(answer));
    }
}
