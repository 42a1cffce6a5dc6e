package lemon.mini.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Deterministic DDIM sampling (η = 0) with classifier-free guidance
 * ε = ε_uncond + w·(ε_cond − ε_uncond). The start noise comes from java.util.Random(seed), so the
 * same seed gives the same image. Both branches run as one batch of 2B.
 */
public final class DdimSampler {
    private final MiniUNet unet;
    private final NoiseSchedule schedule;

    public DdimSampler(MiniUNet unet, NoiseSchedule schedule) {
        this.unet = unet;
        this.schedule = schedule;
    }

    /**
     * @param cond    text states [B, S, D] of the captions
     * @param uncond  text states of the empty caption [B, S, D] (ignored when guidance is 1)
     * @param shape   sample shape [B, C, H, W]
     * @return samples [B, C, H, W] attached to {@code out}
     */
    public NDArray sample(NDManager out, NDArray cond, NDArray uncond, Shape shape, int steps, float guidance, long seed) {
        Random rnd = new Random(seed);
        float[] init = new float[(int) shape.size()];
        for (int i = 0; i < init.length; i++) init[i] = (float) rnd.nextGaussian();
        int b = (int) shape.get(0);
        boolean guided = guidance != 1f;
        NDArray x = out.create(init, shape).toDevice(cond.getDevice(), false);
        int stride = schedule.steps() / steps;
        for (int i = steps - 1; i >= 0; i--) {
            int t = i * stride, prev = t - stride;
            NDArray next;
            try (NDManager scope = out.newSubManager()) {
                unet.params().attachTo(scope);
                x.tempAttach(scope);
                cond.tempAttach(scope);
                if (guided) uncond.tempAttach(scope);
                NDArray eps;
                if (guided) {
                    float[] ts = new float[2 * b];
                    java.util.Arrays.fill(ts, t);
                    NDArray both = unet.forward(x.concat(x, 0), ts, uncond.concat(cond, 0));
                    NDArray eu = both.get("0:" + b), ec = both.get(b + ":");
                    eps = eu.add(ec.sub(eu).mul(guidance));
                } else {
                    float[] ts = new float[b];
                    java.util.Arrays.fill(ts, t);
                    eps = unet.forward(x, ts, cond);
                }
                double at = schedule.alphaBar(t), ap = schedule.alphaBar(prev);
                NDArray x0 = x.sub(eps.mul((float) Math.sqrt(1 - at))).div((float) Math.sqrt(at));
                next = x0.mul((float) Math.sqrt(ap)).add(eps.mul((float) Math.sqrt(1 - ap)));
                next.attach(out);
            }
            x.close();
            x = next;
        }
        return x;
    }
}
