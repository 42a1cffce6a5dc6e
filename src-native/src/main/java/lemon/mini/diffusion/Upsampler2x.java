package lemon.mini.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import lemon.mini.model.Adam;
import lemon.mini.model.MiniModel;
import lemon.mini.model.Params;

/**
 * Learned 2× super-resolution from 32×32 to 64×64: a few 3×3 convolutions at 32×32 predict, per
 * input pixel, a correction for each of its four output pixels (depth-to-space), added to the
 * nearest-neighbour enlargement. Trained with L1 on renders: input = the 64 px render box-filtered
 * to 32 px ({@link PortraitData#half}), target = the 64 px render.
 */
public final class Upsampler2x implements MiniModel {
    /** channels: width of the hidden convolutions; layers: hidden 3×3 convolutions (≥ 1). */
    public record Config(int channels, int layers) {
        public static Config standard() {
            return new Config(32, 4);
        }
    }

    private final Config cfg;
    private final Params params;

    public Upsampler2x(Config cfg, NDManager parent, long seed) {
        this.cfg = cfg;
        this.params = new Params(parent);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        params.conv("body.0", 3, cfg.channels(), 3, false);
        for (int i = 1; i < cfg.layers(); i++) params.conv("body." + i, cfg.channels(), cfg.channels(), 3, false);
        params.conv("to_subpixels", cfg.channels(), 12, 3, true); // zero init: starts as nearest-neighbour
    }

    @Override
    public String kind() {
        return "upsampler-2x";
    }

    @Override
    public Config config() {
        return cfg;
    }

    @Override
    public Params params() {
        return params;
    }

    /** x [B, 3, H, W] in [−1, 1] → [B, 3, 2H, 2W]; call inside a scope holding the params. */
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0), h = s.get(2), w = s.get(3);
        NDArray f = x;
        for (int i = 0; i < cfg.layers(); i++) f = relu(conv(f, "body." + i));
        // [B, 12, H, W] → [B, 3, 2, 2, H, W] → [B, 3, H, 2, W, 2] → [B, 3, 2H, 2W]
        NDArray sub = conv(f, "to_subpixels").reshape(b, 3, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, 3, 2 * h, 2 * w);
        return x.repeat(2, 2).repeat(3, 2).add(sub);
    }

    private NDArray conv(NDArray x, String name) {
        return Conv2d.conv2d(x, params.get(name + ".weight"), params.get(name + ".bias"), new Shape(1, 1),
            new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
    }

    private static NDArray relu(NDArray x) {
        return x.maximum(0f);
    }

    /** Upsamples 32 px images to 64 px. */
    public List<BufferedImage> upsample(NDManager parent, List<BufferedImage> small) {
        int n = small.size(), size = small.get(0).getWidth(), plane = 3 * size * size;
        float[] px = new float[n * plane];
        for (int i = 0; i < n; i++) PortraitData.toChw(small.get(i), px, i * plane);
        float[] out;
        try (NDManager scope = parent.newSubManager()) {
            params.attachTo(scope);
            out = forward(scope.create(px, new Shape(n, 3, size, size))).toFloatArray();
        }
        List<BufferedImage> big = new ArrayList<>();
        for (int i = 0; i < n; i++) big.add(PortraitData.fromChw(out, i * 4 * plane, 2 * size));
        return big;
    }

    /**
     * Trains on portrait renders (seed {@code dataSeed}, training split) with L1 loss; returns the
     * final mean L1 on a held-out batch, in [−1, 1] units, beside the nearest-neighbour baseline's.
     */
    public double[] train(NDManager parent, int steps, int batch, float lr, long dataSeed, int small) {
        int plane = 3 * small * small;
        try (Adam adam = new Adam(parent, lr)) {
            int cursor = 0;
            for (int step = 0; step < steps; step++) {
                float[] in = new float[batch * plane], target = new float[batch * 4 * plane];
                for (int j = 0; j < batch; j++, cursor++) {
                    cursor = PortraitData.nextTrainIndex(cursor);
                    BufferedImage big = PortraitData.portrait(dataSeed, cursor, 2 * small).image();
                    PortraitData.toChw(PortraitData.half(big), in, j * plane);
                    PortraitData.toChw(big, target, j * 4 * plane);
                }
                try (NDManager scope = parent.newSubManager()) {
                    params.attachTo(scope);
                    NDArray x = scope.create(in, new Shape(batch, 3, small, small));
                    NDArray y = scope.create(target, new Shape(batch, 3, 2 * small, 2 * small));
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray l = forward(x).sub(y).abs().mean();
                        if (!Float.isFinite(l.getFloat())) continue; // skip a bad batch before it reaches the gradients
                        gc.backward(l);
                    }
                }
                adam.step(params);
            }
        }
        return heldOutL1(parent, dataSeed, small, 64);
    }

    /** {model L1, nearest-neighbour L1} on the first n validation portraits. */
    public double[] heldOutL1(NDManager parent, long dataSeed, int small, int n) {
        List<BufferedImage> in = new ArrayList<>(), target = new ArrayList<>();
        for (int i : PortraitData.validationIndices(n)) {
            BufferedImage big = PortraitData.portrait(dataSeed, i, 2 * small).image();
            target.add(big);
            in.add(PortraitData.half(big));
        }
        List<BufferedImage> out = upsample(parent, in);
        double model = 0, nearest = 0;
        for (int i = 0; i < n; i++) {
            model += l1(out.get(i), target.get(i));
            nearest += l1(nearestUp(in.get(i)), target.get(i));
        }
        return new double[] {model / n, nearest / n};
    }

    static BufferedImage nearestUp(BufferedImage img) {
        int s = img.getWidth();
        BufferedImage out = new BufferedImage(2 * s, 2 * s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2 * s; y++) for (int x = 0; x < 2 * s; x++) out.setRGB(x, y, img.getRGB(x / 2, y / 2));
        return out;
    }

    private static double l1(BufferedImage a, BufferedImage b) {
        double sum = 0;
        int w = a.getWidth(), h = a.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int sh = 0; sh <= 16; sh += 8) sum += Math.abs(((p >> sh) & 255) - ((q >> sh) & 255));
            }
        }
        return sum / (3.0 * w * h) / 127.5;
    }
}
