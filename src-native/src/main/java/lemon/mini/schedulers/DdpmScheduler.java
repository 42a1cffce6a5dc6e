package lemon.mini.schedulers;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * DDPM: forward noising for training ({@link #addNoise}) and ancestral sampling: x_{t'} drawn from
 * the posterior q(x_{t'} | x_t, x̂0) with its own variance ("fixed small"), the noise from a seeded
 * java.util.Random so a seed reproduces a sample. With fewer steps than T it skips levels the
 * same way DDIM does (β of the jump from ᾱ).
 */
public final class DdpmScheduler extends NoiseScheduler {
    private final Random rnd;

    public DdpmScheduler(SchedulerConfig config, long seed) {
        super(config);
        this.rnd = new Random(seed);
    }

    @Override
    public NDArray step(NDArray eps, int t, NDArray x) {
        int prev = previousTimestep(t);
        double at = schedule.alphaBar(t), ap = schedule.alphaBar(prev), beta = 1 - at / ap;
        NDArray x0 = predictOriginal(x, eps, t);
        if (config.clipSample()) x0 = x0.clip(-config.clipSampleRange(), config.clipSampleRange());
        // posterior mean: √ᾱ_{t'}·β/(1−ᾱ_t)·x̂0 + √(1−β)·(1−ᾱ_{t'})/(1−ᾱ_t)·x_t
        NDArray mean = x0.mul((float) (Math.sqrt(ap) * beta / (1 - at)))
                .add(x.mul((float) (Math.sqrt(1 - beta) * (1 - ap) / (1 - at))));
        if (prev < 0) return mean;
        float[] z = new float[(int) x.size()];
        for (int i = 0; i < z.length; i++) z[i] = (float) rnd.nextGaussian();
        double var = (1 - ap) / (1 - at) * beta;
        return mean.add(x.getManager()
                .create(z, x.getShape())
                .toDevice(x.getDevice(), false)
                .mul((float) Math.sqrt(var)));
    }
}
