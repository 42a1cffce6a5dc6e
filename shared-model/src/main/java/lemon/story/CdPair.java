package lemon.story;

/**
 * One row of the character-description (C.D.) database (Definition 7 of the paper):
 * the script it comes from, the character, a short script context naming the character, and an
 * appearance description.
 */
public record CdPair(String id, String script, String genre, String character, String context, String description) {}
