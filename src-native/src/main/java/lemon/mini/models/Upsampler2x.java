package lemon.mini.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Learned 2× super-resolution from 32×32 to 64×64 (and any H×W to 2H×2W: it is convolutional, so
 * scenes go through the same weights): a few 3×3 convolutions at the input size predict, per
 * input pixel, a correction for each of its four output pixels (depth-to-space), added to the
 * nearest-neighbour enlargement. Trained by {@link lemon.mini.training.UpsamplerTrainer}.
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
        NDArray sub = conv(f, "to_subpixels")
                .reshape(b, 3, 2, 2, h, w)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(b, 3, 2 * h, 2 * w);
        return x.repeat(2, 2).repeat(3, 2).add(sub);
    }

    private NDArray conv(NDArray x, String name) {
        return Conv2d.conv2d(
                        x,
                        params.get(name + ".weight"),
                        params.get(name + ".bias"),
                        new Shape(1, 1),
                        new Shape(1, 1),
                        new Shape(1, 1),
                        1)
                .singletonOrThrow();
    }

    private static NDArray relu(NDArray x) {
        return x.maximum(x.getManager().create(0f)); // the scalar outlives the backward pass: see Nn.scale
    }

    /** Doubles equally sized images (32×32 portraits to 64×64, 64×32 scenes to 128×64). */
    public List<BufferedImage> upsample(NDManager parent, List<BufferedImage> small) {
        int n = small.size(), w = small.get(0).getWidth(), h = small.get(0).getHeight(), plane = 3 * w * h;
        float[] px = new float[n * plane];
        for (int i = 0; i < n; i++) {
            BufferedImage img = small.get(i);
            if (img.getWidth() != w || img.getHeight() != h)
                throw new IllegalArgumentException(
                        "image " + i + " is " + img.getWidth() + "×" + img.getHeight() + ", the batch " + w + "×" + h);
            ImageTensors.write(img, px, i * plane);
        }
        float[] out;
        try (NDManager scope = parent.newSubManager()) {
            params.attachTo(scope);
            out = forward(scope.create(px, new Shape(n, 3, h, w))).toFloatArray();
        }
        List<BufferedImage> big = new ArrayList<>();
        for (int i = 0; i < n; i++) big.add(ImageTensors.read(out, i * 4 * plane, 2 * w, 2 * h));
        return big;
    }
}
