package lemon.mini.training;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lemon.mini.models.MiniValidator;
import lemon.mini.render.Action;
import lemon.mini.render.Attributes;
import lemon.mini.render.DatasetGenerator;
import lemon.mini.render.Layout;
import lemon.mini.render.Sample;
import lemon.mini.render.SceneRenderer;

/**
 * Labelled images for the validator, a pure function of (seed, index): about 10% background only
 * (0 people), 30% portraits (1) and 60% scenes of 1–3 people. The train/validation split is
 * {@link DatasetGenerator#isValidation} of the index, as for the rest of lemon-mini.
 */
public final class ValidatorData {
    public static final int MALE = MiniValidator.MALE, FEMALE = MiniValidator.FEMALE, NONE = MiniValidator.NONE;
    public static final int SLOTS = 3;

    /** An image, how many people it shows, and gender class per slot left to right (NONE past the count). */
    public record Item(BufferedImage image, int people, int[] genders) {}

    private ValidatorData() {}

    public static Item item(long seed, int index, int size) {
        Random r = new Random(seed * 0x5DEECE66DL + index * 0x9E3779B97F4A7C15L);
        if (r.nextInt(10) == 0)
            return new Item(background(Attributes.random(r), r.nextLong(), size), 0, new int[] {NONE, NONE, NONE});
        // of the rest, a third portraits and two thirds scenes
        Sample s = DatasetGenerator.sample(seed, index, size, 2.0 / 3, size, size);
        int[] g = {NONE, NONE, NONE};
        for (int i = 0; i < s.people().size() && i < SLOTS; i++) {
            g[i] = s.people().get(i).gender() == Attributes.Gender.MALE ? MALE : FEMALE;
        }
        return new Item(s.image(), s.people().size(), g);
    }

    /**
     * A background with nobody on it, drawn by the real renderer: a one-person scene three times
     * as wide as tall puts its figure in the middle third, so the left third is background only.
     */
    static BufferedImage background(Attributes a, long seed, int size) {
        BufferedImage wide = SceneRenderer.render(
                List.of(a),
                Layout.SIDE_BY_SIDE,
                Action.STAND_TOGETHER,
                a.background().name(),
                seed,
                3 * size,
                size);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, size, size, wide.getRGB(0, 0, size, size, null, 0, size), 0, size);
        return out;
    }

    /** The next n training (or validation) indices starting at from; returns them and the index after the last. */
    public static List<Integer> indices(int from, int n, boolean validation) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = from; out.size() < n; i++) if (DatasetGenerator.isValidation(i) == validation) out.add(i);
        return out;
    }
}
