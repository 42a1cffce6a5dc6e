package lemon.mini.schedulers;

import ai.djl.ndarray.NDArray;

/**
 * Deterministic DDIM (η = 0). {@link #step} splits into {@link #predictOriginal} and
 * {@link #stepFromOriginal} so a pipeline can adjust x̂0 in between (guidance rescale): with
 * {@code clipSample} the kept x̂0 is clipped and ε re-derived from it, so the update stays
 * consistent with the image actually kept.
 */
public final class DdimScheduler extends NoiseScheduler {
    public DdimScheduler(SchedulerConfig config) {
        super(config);
    }

    @Override
    public NDArray step(NDArray eps, int t, NDArray x) {
        return config.clipSample()
                ? stepFromOriginal(x, predictOriginal(x, eps, t), t)
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
