package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import lemon.mini.training.Adam;
import lemon.mini.training.NonFiniteGuard;
import org.junit.jupiter.api.Test;

class ClipValidatorTest {
    /** Four distinguishable synthetic images: a bright square in one quadrant each. */
    static float[] quadrantImages(int n, int size, Random rnd) {
        float[] d = new float[n * 3 * size * size];
        for (int i = 0; i < n; i++) {
            int q = i % 4, y0 = (q / 2) * size / 2, x0 = (q % 2) * size / 2;
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++) {
                        boolean on = y >= y0 && y < y0 + size / 2 && x >= x0 && x < x0 + size / 2;
                        d[((i * 3 + c) * size + y) * size + x] = (on ? 1f : -1f) + 0.1f * (float) rnd.nextGaussian();
                    }
        }
        return d;
    }

    @Test
    void clipContrastiveLossFalls() {
        ClipConfig cfg = ClipConfig.tiny();
        List<String> caps = List.of(
                "a man with red hair",
                "a woman with black hair",
                "two people standing in a park",
                "an old man with a grey beard");
        try (NDManager m = TestSupport.manager();
                MiniClip clip = new MiniClip(cfg, TestSupport.tokenizer(cfg.text()), m, 7);
                Adam adam = new Adam(m, 3e-3f)) {
            NDArray images = m.create(quadrantImages(4, 16, new Random(1)), new Shape(4, 3, 16, 16));
            float first = 0, last = 0;
            for (int s = 0; s < 25; s++) {
                try (NDManager scope = m.newSubManager()) {
                    clip.attachTo(scope);
                    images.tempAttach(scope);
                    try (GradientCollector gc = NonFiniteGuard.collector()) {
                        NDArray loss = clip.contrastiveLoss(scope, images, caps);
                        gc.backward(loss);
                        if (s == 0) first = loss.getFloat();
                        last = loss.getFloat();
                    }
                }
                adam.step(clip.params(), clip.textEncoder().params());
            }
            assertTrue(last < first * 0.5, "InfoNCE falls: " + first + " → " + last);
            try (NDManager scope = m.newSubManager()) {
                clip.attachTo(scope);
                images.tempAttach(scope);
                NDArray sim = clip.imageTextSimilarity(scope, images, caps);
                assertEquals(new Shape(4, 4), sim.getShape());
                assertEquals(
                        new Shape(4, 4),
                        clip.imageImageSimilarity(images, images).getShape());
                assertArrayEquals(new long[] {0, 1, 2, 3}, sim.argMax(1).toLongArray(), "each image finds its caption");
            }
        }
    }

    @Test
    void validatorShapesAndLossFalls() {
        ValidatorConfig cfg = ValidatorConfig.tiny();
        try (NDManager m = TestSupport.manager();
                MiniValidator v = new MiniValidator(cfg, m, 8);
                Adam adam = new Adam(m, 3e-3f)) {
            NDArray images = m.create(quadrantImages(8, 16, new Random(2)), new Shape(8, 3, 16, 16));
            long[] counts = new long[8], genders = new long[8 * 3];
            for (int i = 0; i < 8; i++) {
                counts[i] = MiniValidator.countClass(i % 4);
                for (int s = 0; s < 3; s++) genders[i * 3 + s] = s < i % 4 ? (i + s) % 2 : 2;
            }
            NDArray cl = m.create(counts), gl = m.create(genders, v.genderLabelShape(8));
            float first = 0, last = 0;
            for (int s = 0; s < 25; s++) {
                try (NDManager scope = m.newSubManager()) {
                    v.params().attachTo(scope);
                    images.tempAttach(scope);
                    try (GradientCollector gc = NonFiniteGuard.collector()) {
                        MiniValidator.Output out = v.forward(images);
                        if (s == 0) {
                            assertEquals(new Shape(8, 4), out.count().getShape());
                            assertEquals(new Shape(8, 3, 3), out.gender().getShape());
                        }
                        NDArray loss = v.loss(out, cl, gl);
                        gc.backward(loss);
                        if (s == 0) first = loss.getFloat();
                        last = loss.getFloat();
                    }
                }
                adam.step(v.params());
            }
            assertTrue(last < first * 0.5, "validator loss falls: " + first + " → " + last);
        }
    }
}
