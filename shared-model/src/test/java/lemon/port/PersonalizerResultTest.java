package lemon.port;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import lemon.port.ImageGenerator.LearnedToken;
import org.junit.jupiter.api.Test;

class PersonalizerResultTest {
    @Test
    void aTokenMayOnlyNameAMapperTheResultCarries() {
        var token = new LearnedToken(new float[] {1, 2}, "mapper-1.safetensors");
        var e = assertThrows(
                IllegalArgumentException.class, () -> new Personalizer.Result(Map.of("ali", token), Map.of()));
        assertTrue(e.getMessage().contains("mapper-1.safetensors"), e.getMessage());
        assertDoesNotThrow(() ->
                new Personalizer.Result(Map.of("ali", new LearnedToken(new float[] {1, 2}, null)), Map.of()));
    }

    @Test
    void prefixedMovesBlobsAndTokenKeysTogether() {
        byte[] mapper = {7, 8};
        var r = new Personalizer.Result(
                Map.of(
                        "ali", new LearnedToken(new float[] {1, 2}, "m.safetensors"),
                        "cassim", new LearnedToken(new float[] {3, 4}, null)),
                Map.of("steps", 5),
                Map.of("m.safetensors", mapper));
        var p = r.prefixed("tokens/");
        assertEquals("tokens/m.safetensors", p.tokens().get("ali").mapperKey());
        assertNull(p.tokens().get("cassim").mapperKey());
        assertArrayEquals(mapper, p.blobs().get("tokens/m.safetensors"));
        assertEquals(1, p.blobs().size());
        assertArrayEquals(new float[] {1, 2}, p.tokens().get("ali").embedding());
        assertEquals(Map.of("steps", 5), p.metrics());
    }
}
