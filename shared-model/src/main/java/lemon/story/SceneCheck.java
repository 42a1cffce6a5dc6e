package lemon.story;

import java.util.List;

/**
 * validate's verdict on one scene image (§4.3): the validator's answers to the two questions (how
 * many people, which genders) against the characters the prompt names, and the CLIP text–image
 * score against the threshold. Accepted when all three hold.
 *
 * @param expectedGenders the named characters' genders, UNKNOWN where the story does not say
 */
public record SceneCheck(
        String file,
        int scene,
        int take,
        int expectedPeople,
        List<Gender> expectedGenders,
        int seenPeople,
        List<Gender> seenGenders,
        double confidence,
        double clipScore,
        boolean countOk,
        boolean gendersOk,
        boolean clipOk,
        boolean accepted) {
    public SceneCheck {
        expectedGenders = List.copyOf(expectedGenders);
        seenGenders = List.copyOf(seenGenders);
    }
}
