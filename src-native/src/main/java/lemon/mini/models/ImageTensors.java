package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Images to model input: channels-first floats in [-1, 1]. Pixels are read with one bulk
 * getRGB call and written straight into a float array, so a batch costs one native copy.
 */
public final class ImageTensors {
    private ImageTensors() {}

    /** Writes img as [3, H, W] floats in [-1, 1] into dst starting at offset. */
    public static void write(BufferedImage img, float[] dst, int offset) {
        int w = img.getWidth(), h = img.getHeight(), plane = w * h;
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            dst[offset + i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
            dst[offset + plane + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
            dst[offset + 2 * plane + i] = (p & 0xFF) / 127.5f - 1f;
        }
    }

    /** One image as [3, H, W]. */
    public static NDArray image(NDManager m, BufferedImage img) {
        float[] d = new float[3 * img.getWidth() * img.getHeight()];
        write(img, d, 0);
        return m.create(d, new Shape(3, img.getHeight(), img.getWidth()));
    }

    /** A batch of equally sized images as [B, 3, H, W]. */
    public static NDArray batch(NDManager m, List<BufferedImage> images) {
        int w = images.get(0).getWidth(), h = images.get(0).getHeight(), per = 3 * w * h;
        float[] d = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = images.get(i);
            if (img.getWidth() != w || img.getHeight() != h) {
                throw new IllegalArgumentException(
                        "image " + i + " is " + img.getWidth() + "×" + img.getHeight() + ", batch is " + w + "×" + h);
            }
            write(img, d, i * per);
        }
        return m.create(d, new Shape(images.size(), 3, h, w));
    }

    /** Resizes (bilinear) to size×size unless it already is; used for PNGs of other sizes. */
    public static BufferedImage fit(BufferedImage img, int size) {
        if (img.getWidth() == size && img.getHeight() == size && img.getType() == BufferedImage.TYPE_INT_RGB)
            return img;
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    /** Reads a size×size image back from [3, H, W] floats in [−1, 1] at offset (clamped). */
    public static BufferedImage read(float[] src, int offset, int size) {
        return read(src, offset, size, size);
    }

    /** Reads a width×height image back from [3, H, W] floats in [−1, 1] at offset (clamped). */
    public static BufferedImage read(float[] src, int offset, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = offset + y * width + x;
                img.setRGB(x, y, byteOf(src[i]) << 16 | byteOf(src[i + plane]) << 8 | byteOf(src[i + 2 * plane]));
            }
        }
        return img;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1) * 127.5f)));
    }
}
