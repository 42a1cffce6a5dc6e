package lemon.mini.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Deterministic DDIM (η = 0). {@link #step} splits into {@link #predictOriginal} and
 * {@link #stepFromOriginal} so a pipeline can adjust x̂0 in between (guidance rescale): with
 * {@code clipSample} the kept x̂0 is clipped and ε re-derived from it, so the update stays
 * consistent with the image actually kept.
 */
public final class DdimScheduler extends NoiseScheduler {
    private int[] timesteps = new int[0];
    private int stride;

    public DdimScheduler(SchedulerConfig config) {
        super(config);
    }

    /** Integer stride T/n, shifted so the first (noisiest) step is t = T−1 (trailing spacing). */
    @Override
    public void setTimesteps(int n) {
        int total = schedule.steps();
        if (n < 1 || n > total) throw new IllegalArgumentException("steps must be between 1 and " + total + ", got " + n);
        stride = total / n;
        timesteps = new int[n];
        for (int k = 0; k < n; k++) {
            int i = n - 1 - k;
            timesteps[k] = i * stride + (total - 1 - (n - 1) * stride);
        }
    }

    @Override
    public int[] timesteps() {
        return timesteps.clone();
    }

    /** The timestep the step from t lands on (−1: clean). */
    public int previousTimestep(int t) {
        return t - stride;
    }

    @Override
    public NDArray step(NDArray eps, int t, NDArray x) {
        return config.clipSample() ? stepFromOriginal(x, predictOriginal(x, eps, t), t)
            : moveTo(predictOriginal(x, eps, t), eps, previousTimestep(t));
    }

    /** The step given x̂0 (clipped here when the config says so); ε is re-derived from the x̂0 kept. */
    public NDArray stepFromOriginal(NDArray x, NDArray x0, int t) {
        double at = schedule.alphaBar(t);
        if (config.clipSample()) x0 = x0.clip(-config.clipSampleRange(), config.clipSampleRange());
        NDArray eps = x.sub(x0.mul((float) Math.sqrt(at))).div((float) Math.sqrt(1 - at));
        return moveTo(x0, eps, previousTimestep(t));
    }

    private NDArray moveTo(NDArray x0, NDArray eps, int prev) {
        double ap = schedule.alphaBar(prev);
        return x0.mul((float) Math.sqrt(ap)).add(eps.mul((float) Math.sqrt(1 - ap)));
    }
}
