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
import lemon.mini.model.Params;

/**
 * The DDPM ε-prediction step of {@link lemon.mini.model.DdpmTrainer}, guarded against NaN: the
 * loss is read <em>before</em> the backward pass (a non-finite loss skips backward), and the
 * gradients are checked before Adam (non-finite ones are discarded, see {@link #resetGradients}).
 * Observed here: with finite weights and a finite loss, backward now and then returns non-finite
 * gradients; DdpmTrainer applies them, and the NaN then sits in the weights, the Adam moments and
 * the EMA for good (Adam's in-place zeroing {@code g − g} cannot clear a NaN either). Both models
 * are trained; both get an EMA.
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
    private int badGradients;

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
            if (!finiteGradients(unet.params()) || !finiteGradients(text.params())) {
                badGradients++;
                resetGradients(unet.params());
                resetGradients(text.params());
                return Float.NaN;
            }
        }
        adam.step(unet.params(), text.params());
        unetEma.update(unet.params());
        textEma.update(text.params());
        return loss;
    }

    /** Steps whose loss was finite but whose gradients were not (skipped before Adam). */
    int badGradients() {
        return badGradients;
    }

    private static boolean finiteGradients(Params p) {
        for (var e : p.all().entrySet()) {
            if (!p.trainable(e.getKey())) continue;
            for (float v : e.getValue().getGradient().toFloatArray()) if (!Float.isFinite(v)) return false;
        }
        return true;
    }

    /**
     * In-place arithmetic cannot clear a NaN gradient (NaN − NaN and NaN·0 are NaN), so each
     * parameter is replaced by a fresh copy of its values: a new leaf tensor has no gradient.
     */
    private static void resetGradients(Params p) {
        for (var e : List.copyOf(p.all().entrySet())) {
            NDArray w = e.getValue();
            p.load(e.getKey(), w.getShape().getShape(), w.toFloatArray());
        }
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
