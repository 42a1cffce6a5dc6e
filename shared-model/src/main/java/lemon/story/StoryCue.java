package lemon.story;

/**
 * Something the story says about how a character looks or what it is, in the story's words.
 *
 * @param kind gender, age, hair, beard, build, skin, looks, clothing, headwear, object or station
 * @param value the story's words ("a grey beard", "woodcutter", "old")
 * @param sentence the sentence that says it
 */
public record StoryCue(String kind, String value, String sentence) {}
