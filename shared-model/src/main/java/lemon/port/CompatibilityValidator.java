package lemon.port;

import java.util.List;
import lemon.story.Gender;

/**
 * The paper's VLM role in the refining module: asked of a picture, how many people are in it and
 * which gender each one is (left to right). The bundled lemon-mini validator implements it; a
 * hosted vision LLM can implement it too.
 */
public interface CompatibilityValidator {
    String name();

    Verdict inspect(byte[] png);

    /** @param people 0..3, where 3 means "three or more"; {@code genders} has one entry per person seen */
    record Verdict(int people, List<Gender> genders, double confidence) {
        public Verdict {
            if (people < 0 || people > 3) {
                throw new IllegalArgumentException("people must be 0..3 (3 = three or more), got " + people);
            }
            genders = List.copyOf(genders);
        }
    }
}
