package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import lemon.mini.models.Upsampler2x;

/**
 * Trains the {@link Upsampler2x} with L1 on portrait renders: input = the 64 px render box-filtered
 * to 32 px ({@link PortraitData#half}), target = the 64 px render; item k is the k-th training-split
 * portrait of the data seed. Runs on the shared loop (prefetch, NaN guard, checkpoints, resume);
 * {@code train-mini} gives it one constant learning rate, as it always had.
 */
public final class UpsamplerTrainer extends BatchTrainer<BufferedImage, Upsampler2x> {
    public static final String NAME = "portrait-upsampler-2x";
    private final int small;
    private long cursorK = 0;
    private int cursorIndex = PortraitData.nextTrainIndex(0);

    public UpsamplerTrainer(Upsampler2x.Config cfg, long dataSeed, int batch, float lr, long initSeed, int small) {
        super(NAME, "upsampler-render", dataSeed, batch, lr, m -> new Upsampler2x(cfg, m, initSeed));
        this.small = small;
    }

    /** The k-th training-split index, walked forward from the last one asked for (items come in order). */
    private synchronized int trainIndex(long k) {
        if (k < cursorK) {
            cursorK = 0;
            cursorIndex = PortraitData.nextTrainIndex(0);
        }
        while (cursorK < k) {
            cursorIndex = PortraitData.nextTrainIndex(cursorIndex + 1);
            cursorK++;
        }
        return cursorIndex;
    }

    @Override
    protected BufferedImage item(long k) {
        return PortraitData.portrait(dataSeed, trainIndex(k), 2 * small).image();
    }

    @Override
    protected NDArray loss(NDManager scope, List<BufferedImage> items) {
        int n = items.size(), plane = 3 * small * small;
        float[] in = new float[n * plane], target = new float[n * 4 * plane];
        for (int j = 0; j < n; j++) {
            PortraitData.toChw(PortraitData.half(items.get(j)), in, j * plane);
            PortraitData.toChw(items.get(j), target, j * 4 * plane);
        }
        NDArray x = scope.create(in, new Shape(n, 3, small, small));
        NDArray y = scope.create(target, new Shape(n, 3, 2 * small, 2 * small));
        return model.forward(x).sub(y).abs().mean();
    }

    /** {model L1, nearest-neighbour L1} on the first n validation portraits, in [−1, 1] units. */
    public static double[] heldOutL1(Upsampler2x up, NDManager parent, long dataSeed, int small, int n) {
        List<BufferedImage> in = new ArrayList<>(), target = new ArrayList<>();
        for (int i : PortraitData.validationIndices(n)) {
            BufferedImage big = PortraitData.portrait(dataSeed, i, 2 * small).image();
            target.add(big);
            in.add(PortraitData.half(big));
        }
        List<BufferedImage> out = up.upsample(parent, in);
        double model = 0, nearest = 0;
        for (int i = 0; i < n; i++) {
            model += l1(out.get(i), target.get(i));
            nearest += l1(nearestUp(in.get(i)), target.get(i));
        }
        return new double[] {model / n, nearest / n};
    }

    /** {model L1, nearest-neighbour L1} of this trainer's model on 64 validation portraits. */
    public double[] heldOutL1() {
        return heldOutL1(model, manager, dataSeed, small, 64);
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
