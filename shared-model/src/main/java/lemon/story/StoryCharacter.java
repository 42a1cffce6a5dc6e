package lemon.story;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A character of the story. {@code id} is a stable slug of the canonical name ("cassims-wife"),
 * used as the key everywhere else (scenes, graph, matches, descriptions).
 *
 * <p>A group that acts together ("the forty thieves", "her two sisters") is one character with
 * {@code members}: the count the story gives, or 0 when it gives none. A member the story singles
 * out ("the captain", "the eldest") is a character of its own with {@code memberOf} set to the
 * group's id. Both are null for a single person outside any group.
 *
 * @param role short phrase for what the character is in the story ("woodcutter", "slave girl",
 *             "captain of the thieves"), or empty when unknown
 * @param mentions how many sentences mention the character after alias merging
 * @param evidence why the analyst decided what it did, where a sentence says so: "alias Baba Mustapha" →
 *                 "…an old cobbler named Baba Mustapha.", "gender" → "…his wife…"
 */
public record StoryCharacter(
        String id,
        String name,
        List<String> aliases,
        Gender gender,
        String role,
        int mentions,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer members,
        @JsonInclude(JsonInclude.Include.NON_NULL) String memberOf,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> evidence) {
    public StoryCharacter {
        aliases = List.copyOf(aliases);
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(evidence));
        role = role == null ? "" : role;
        if (members != null && (members < 0 || members == 1))
            throw new IllegalArgumentException("a group has 0 (unstated) or at least 2 members, not " + members);
        if (memberOf != null && memberOf.isBlank()) memberOf = null;
    }

    /** A single person outside any group. */
    public StoryCharacter(String id, String name, List<String> aliases, Gender gender, String role, int mentions) {
        this(id, name, aliases, gender, role, mentions, null, null, Map.of());
    }

    /** A group, a member of one, or a single person, without evidence. */
    public StoryCharacter(
            String id,
            String name,
            List<String> aliases,
            Gender gender,
            String role,
            int mentions,
            Integer members,
            String memberOf) {
        this(id, name, aliases, gender, role, mentions, members, memberOf, Map.of());
    }

    @JsonIgnore
    public boolean isGroup() {
        return members != null;
    }

    /** The same character with other mentions, aliases, gender or role; group fields kept. */
    public StoryCharacter with(List<String> aliases, Gender gender, String role, int mentions) {
        return new StoryCharacter(id, name, aliases, gender, role, mentions, members, memberOf, evidence);
    }

    public StoryCharacter memberOf(String groupId) {
        return new StoryCharacter(id, name, aliases, gender, role, mentions, members, groupId, evidence);
    }

    /** The same character with one more piece of evidence: what ("alias Baba Mustapha") → the sentence that says so. */
    public StoryCharacter withEvidence(String what, String sentence) {
        Map<String, String> more = new TreeMap<>(evidence);
        more.putIfAbsent(what, sentence);
        return new StoryCharacter(id, name, aliases, gender, role, mentions, members, memberOf, more);
    }
}
