package lemon.story;

import java.util.List;

/** The top-K C.D. pairs retrieved for one story character, best first. */
public record CharacterMatch(String characterId, List<Scored> matches) {
    public CharacterMatch {
        matches = List.copyOf(matches);
    }

    public record Scored(String cdId, String script, String character, double score) {}
}
