package lemon.mini.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lemon.mini.model.Adam;
import lemon.mini.model.Ema;
import lemon.mini.model.MiniTextEncoder;
import lemon.mini.model.MiniUNet;
import lemon.mini.model.NoiseSchedule;

/**
 * The DDPM ε-prediction step of {@link lemon.mini.model.DdpmTrainer}, with one difference: the
 * loss is read <em>before</em> the backward pass, and a non-finite loss skips backward, Adam and
 * EMA altogether. (DdpmTrainer back-propagates first; one NaN batch then leaves NaN gradients,
 * which Adam's in-place zeroing {@code g − g} cannot clear, and poisons the weights, the Adam
 * moments and the EMA for good.) Both models are trained; both get an EMA.
 */
final class GuardedDdpm implements AutoCloseable {
    private final MiniUNet unet;
    private final MiniTextEncoder text;
    private final NoiseSchedule schedule;
    private final NDManager root;
    private final Adam adam;
    private final Ema unetEma, textEma;
    private final Random rnd;
    private final float captionDropout;

    GuardedDdpm(MiniUNet unet, MiniTextEncoder text, NoiseSchedule schedule, float lr, float emaDecay,
                float captionDropout, long seed) {
        this.unet = unet;
        this.text = text;
        this.schedule = schedule;
        this.root = unet.params().manager().getParentManager().newSubManager();
        this.adam = new Adam(root, lr);
        this.unetEma = new Ema(unet.params(), emaDecay);
        this.textEma = new Ema(text.params(), emaDecay);
        this.rnd = new Random(seed);
        this.captionDropout = captionDropout;
    }

    /** One step on x0 [B, C, H, W] in [−1, 1]; returns the loss, or NaN when the step was skipped. */
    float step(NDArray x0, List<String> captions) {
        Shape s = x0.getShape();
        int b = (int) s.get(0);
        List<String> used = new ArrayList<>(captions);
        for (int i = 0; i < b; i++) if (rnd.nextFloat() < captionDropout) used.set(i, "");
        float[] noise = new float[(int) s.size()], t = new float[b], a = new float[b], sa = new float[b];
        for (int i = 0; i < b; i++) {
            int ti = rnd.nextInt(schedule.steps());
            t[i] = ti;
            a[i] = (float) Math.sqrt(schedule.alphaBar(ti));
            sa[i] = (float) Math.sqrt(1 - schedule.alphaBar(ti));
        }
        for (int i = 0; i < noise.length; i++) noise[i] = (float) rnd.nextGaussian();
        float loss;
        try (NDManager scope = root.newSubManager()) {
            unet.params().attachTo(scope);
            text.params().attachTo(scope);
            x0.tempAttach(scope);
            NDArray eps = scope.create(noise, s);
            NDArray ca = scope.create(a, new Shape(b, 1, 1, 1)), cs = scope.create(sa, new Shape(b, 1, 1, 1));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray xt = x0.mul(ca).add(eps.mul(cs));
                NDArray pred = unet.forward(xt, t, text.encode(scope, used).states());
                NDArray l = pred.sub(eps).square().mean();
                loss = l.getFloat();
                if (!Float.isFinite(loss)) return Float.NaN; // nothing back-propagated: gradients stay clean
                gc.backward(l);
            }
        }
        adam.step(unet.params(), text.params());
        unetEma.update(unet.params());
        textEma.update(text.params());
        return loss;
    }

    Ema unetEma() {
        return unetEma;
    }

    Ema textEma() {
        return textEma;
    }

    @Override
    public void close() {
        unetEma.close();
        textEma.close();
        root.close();
    }
}
