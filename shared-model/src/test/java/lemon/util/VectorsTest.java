package lemon.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorsTest {
    @Test
    void cosineIsTheAngleNotTheLengthAndZeroForAZeroVector() {
        assertEquals(1.0, Vectors.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-9);
        assertEquals(0.0, Vectors.cosine(new float[] {1, 0}, new float[] {0, 3}), 1e-9);
        assertEquals(-1.0, Vectors.cosine(new float[] {1, 1}, new float[] {-1, -1}), 1e-9);
        assertEquals(0.0, Vectors.cosine(new float[] {0, 0}, new float[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Vectors.cosine(new float[2], new float[3]));
    }
}
