package lemon.story;

/** Gender as stated (or strongly implied) by the story; UNKNOWN when the text does not say. */
public enum Gender {
    MALE,
    FEMALE,
    UNKNOWN
}
