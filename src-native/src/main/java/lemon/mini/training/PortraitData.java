package lemon.mini.training;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import lemon.mini.models.ImageTensors;
import lemon.mini.render.DatasetGenerator;
import lemon.mini.render.Sample;

/**
 * Portrait training data for the diffusion model: renders at 64 px (the output size) and a 2×
 * box-filtered 32 px copy (what the diffusion model learns, and what the upsampler is fed).
 * Pixels are CHW floats in [−1, 1]. Sample i depends only on (seed, i); the validation split is
 * {@link DatasetGenerator#isValidation}'s, so training never sees a held-out caption.
 */
public final class PortraitData {
    /** Size the diffusion model works at. */
    public static final int SMALL = 32;
    /** Size the generator delivers. */
    public static final int LARGE = 64;

    private PortraitData() {}

    /** Portrait number {@code index} of the data stream with this seed (never a scene). */
    public static Sample portrait(long seed, int index, int size) {
        return DatasetGenerator.sample(seed, index, size, 0.0, size, size);
    }

    /** Scene number {@code index} of the data stream with this seed: 1–3 people on a width × height canvas. */
    public static Sample scene(long seed, int index, int width, int height) {
        return DatasetGenerator.sample(seed, index, height, 1.0, width, height);
    }

    /** The next training (non-validation) index at or after {@code index}. */
    public static int nextTrainIndex(int index) {
        while (DatasetGenerator.isValidation(index)) index++;
        return index;
    }

    /** The first n validation indices. */
    public static List<Integer> validationIndices(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) if (DatasetGenerator.isValidation(i)) out.add(i);
        return out;
    }

    /** Captions of the first n training portraits (to build the tokenizer's vocabulary). */
    public static List<String> trainCaptions(long seed, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            i = nextTrainIndex(i);
            out.add(portrait(seed, i, 8).caption());
        }
        return out;
    }

    /** 2× box-filter downscale (each output pixel is the mean of a 2×2 block). */
    public static BufferedImage half(BufferedImage img) {
        int w = img.getWidth() / 2, h = img.getHeight() / 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0, g = 0, b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = img.getRGB(2 * x + (k & 1), 2 * y + (k >> 1));
                    r += (p >> 16) & 255;
                    g += (p >> 8) & 255;
                    b += p & 255;
                }
                out.setRGB(x, y, ((r + 2) / 4) << 16 | ((g + 2) / 4) << 8 | (b + 2) / 4);
            }
        }
        return out;
    }

    /** Writes img as CHW floats in [−1, 1] into dst at offset. */
    public static void toChw(BufferedImage img, float[] dst, int offset) {
        ImageTensors.write(img, dst, offset);
    }

    /** Reads an image back from CHW floats in [−1, 1] (clamped). */
    public static BufferedImage fromChw(float[] src, int offset, int size) {
        return ImageTensors.read(src, offset, size);
    }
}
