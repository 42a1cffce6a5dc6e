package lemon.story;

/** One generated portrait of a character: where it is stored and the seed that reproduces it. */
public record Portrait(String characterId, int index, long seed, String file) {}
