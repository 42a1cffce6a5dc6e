package lemon.vision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lemon.port.CompatibilityValidator.Verdict;
import lemon.story.Gender;
import lemon.vision.UnusableAnswerException.Kind;

/**
 * The refining module's two questions to a vision-language model (paper §4.3): how many people
 * are in the picture, and their gender distribution, asked at once with a strict JSON answer
 * {@code {"people": N, "genders": ["male", "female", …]}} (genders left to right), and the strict
 * reading of that answer. Nothing here talks to a model.
 */
public final class VisionQuestion {
    /** The highest count the model may give; it is told to give this for a crowd. */
    public static final int MAX_PEOPLE = 10;

    /** Answers are quoted in messages up to this many characters. */
    static final int QUOTE_CHARS = 200;

    /** The user turn sent beside the image; the whole prompt, no system message (see the validator). */
    public static final String PROMPT = """
            Look at the picture and answer two questions about it.
            Question 1: How many characters (people) are in the image?
            Question 2: What is the gender distribution of these people (for example, one male and one female)?

            Answer with only a JSON object, no other text, exactly in this form:
            {"people": 2, "genders": ["male", "female"]}
            where "people" is the number of people you see, a whole number from 0 to %d (0 if there are none, \
            %d if there are %d or more), and "genders" lists exactly one entry per person counted, in order \
            from left to right, each "male", "female" or "unknown" (when you cannot tell).\
            """.formatted(MAX_PEOPLE, MAX_PEOPLE, MAX_PEOPLE);

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** How declining models start; only consulted when no JSON object came back. */
    private static final Pattern REFUSAL =
            Pattern.compile("\\b(i\\s*(can't|cannot|can not|won't|will not|am unable|'m unable|am not able|'m not able)"
                    + "|i'm sorry|i am sorry|sorry, but|unable to (help|assist|determine|identify|answer|provide)"
                    + "|as an ai)\\b");

    private VisionQuestion() {}

    /** The prompt asked again after an unusable answer, with what was wrong spelled out. */
    public static String reask(String problem) {
        return PROMPT + "\n\nYour previous answer could not be used: " + problem
                + ". Answer again with only the JSON object described above.";
    }

    /**
     * Reads one answer.
     *
     * @return the verdict: {@code people} is the count capped at 3 ("three or more"), the genders
     *     are all those listed, left to right; confidence 1 (the model states none)
     * @throws UnusableAnswerException saying what is wrong, with the answer quoted
     */
    public static Verdict parse(String answer) {
        String quoted = quote(answer);
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty()) {
            throw unusable(Kind.MALFORMED, "the answer was empty", quoted);
        }
        text = unfence(text);
        if (!text.startsWith("{")) {
            String plain = text.toLowerCase(Locale.ROOT).replace('’', '\'');
            if (!text.contains("{") && REFUSAL.matcher(plain).find()) {
                throw unusable(Kind.REFUSED, "the model refused to answer", quoted);
            }
            throw unusable(Kind.MALFORMED, "the answer is not only a JSON object", quoted);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw unusable(Kind.MALFORMED, "the answer is not valid JSON (" + why + ")", quoted);
        }
        if (root == null || !root.isObject()) {
            throw unusable(Kind.MALFORMED, "the answer is not a JSON object", quoted);
        }
        JsonNode people = root.get("people");
        if (people == null || people.isNull()) {
            throw unusable(Kind.MALFORMED, "the answer has no \"people\" count", quoted);
        }
        if (!people.isIntegralNumber() || !people.canConvertToInt()) {
            throw unusable(Kind.MALFORMED, "\"people\" is not a whole number: " + people, quoted);
        }
        int count = people.intValue();
        if (count < 0 || count > MAX_PEOPLE) {
            throw unusable(Kind.OUT_OF_RANGE, "\"people\" is " + count + ", outside 0.." + MAX_PEOPLE, quoted);
        }
        JsonNode genders = root.get("genders");
        if (genders == null || !genders.isArray()) {
            throw unusable(Kind.MALFORMED, "the answer has no \"genders\" list", quoted);
        }
        List<Gender> seen = new ArrayList<>(genders.size());
        for (int i = 0; i < genders.size(); i++) {
            seen.add(gender(genders.get(i), i, quoted));
        }
        if (seen.size() != count) {
            throw unusable(
                    Kind.MISMATCH,
                    "\"people\" is " + count + " but " + seen.size() + " gender(s) are listed; list one per person",
                    quoted);
        }
        return new Verdict(Math.min(count, 3), seen, 1.0);
    }

    private static Gender gender(JsonNode g, int i, String quoted) {
        String v = g.isTextual() ? g.asText().strip().toLowerCase(Locale.ROOT) : null;
        if (v != null) {
            switch (v) {
                case "male":
                    return Gender.MALE;
                case "female":
                    return Gender.FEMALE;
                case "unknown":
                    return Gender.UNKNOWN;
                default:
                    break;
            }
        }
        throw unusable(
                Kind.MALFORMED, "genders[" + i + "] is " + g + ", not \"male\", \"female\" or \"unknown\"", quoted);
    }

    /** The inside of one Markdown code fence around the whole answer ("```json … ```"), else the text. */
    static String unfence(String text) {
        if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
            return text;
        }
        String inner = text.substring(3, text.length() - 3);
        int newline = inner.indexOf('\n');
        if (newline >= 0 && inner.substring(0, newline).strip().matches("[A-Za-z]*")) {
            inner = inner.substring(newline + 1); // the language tag line
        }
        return inner.strip();
    }

    /** The answer on one line, shortened to {@link #QUOTE_CHARS}, for messages. */
    static String quote(String answer) {
        if (answer == null) {
            return "(nothing)";
        }
        String line = answer.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "(nothing)";
        }
        return line.length() <= QUOTE_CHARS ? line : line.substring(0, QUOTE_CHARS) + "…";
    }

    private static UnusableAnswerException unusable(Kind kind, String problem, String quoted) {
        return new UnusableAnswerException(kind, problem, quoted);
    }
}
