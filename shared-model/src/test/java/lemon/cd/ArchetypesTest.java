package lemon.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchetypesTest {
    private static final String GOOD = """
        {"key": "k", "gender": "A", "minAge": 20, "maxAge": 30, "genres": ["drama"],
         "actions": ["{N} a.", "{N} b.", "{N} c.", "{N} d."], "lines": ["{N}: x", "{N}: y"],
         "clothes": ["a coat"], "looks": ["a face"], "builds": ["slim"]}""";

    private static List<Archetypes.Archetype> parse(String json) throws IOException {
        return Archetypes.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAnArchetype() throws IOException {
        var a = parse("[" + GOOD + "]").get(0);
        assertEquals('A', a.gender());
        assertEquals(List.of("drama"), a.genres());
        assertEquals(30, a.maxAge());
    }

    @Test
    void badDataIsRejectedNamingTheArchetype() {
        var e = assertThrows(
                IllegalStateException.class,
                () -> parse("[" + GOOD + ","
                        + GOOD.replace("\"A\"", "\"X\"").replace("\"minAge\": 20", "\"minAge\": 40") + "]"));
        assertTrue(e.getMessage().contains("k: duplicate key"), e.getMessage());
        assertTrue(e.getMessage().contains("k: gender must be M, F or A, got X"), e.getMessage());
        assertTrue(e.getMessage().contains("k: bad age range 40-30"), e.getMessage());
        var missing =
                assertThrows(IOException.class, () -> parse("[" + GOOD.replace("\"looks\": [\"a face\"],", "") + "]"));
        assertTrue(missing.getMessage().contains("looks"), missing.getMessage());
    }
}
