package lemon.mini.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** What DDPM and DDIM share: the config, ᾱ_t, and forward noising for training. */
public abstract class NoiseScheduler {
    protected final SchedulerConfig config;
    protected final NoiseSchedule schedule;
    private int[] timesteps = new int[0];
    private int stride;

    protected NoiseScheduler(SchedulerConfig config) {
        this.config = config;
        this.schedule = config.noiseSchedule();
    }

    public SchedulerConfig config() {
        return config;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** T, the number of trained noise levels. */
    public int trainTimesteps() {
        return schedule.steps();
    }

    /** x_t = √ᾱ_t·x0 + √(1−ᾱ_t)·ε with one t per sample; x0 and noise are [B, …]. */
    public NDArray addNoise(NDArray x0, NDArray noise, int[] t) {
        int b = t.length;
        float[] a = new float[b], sa = new float[b];
        for (int i = 0; i < b; i++) {
            a[i] = (float) Math.sqrt(schedule.alphaBar(t[i]));
            sa[i] = (float) Math.sqrt(1 - schedule.alphaBar(t[i]));
        }
        long[] bcast = new long[x0.getShape().dimension()];
        java.util.Arrays.fill(bcast, 1);
        bcast[0] = b;
        NDArray ca = x0.getManager().create(a, new Shape(bcast)).toDevice(x0.getDevice(), false);
        NDArray cs = x0.getManager().create(sa, new Shape(bcast)).toDevice(x0.getDevice(), false);
        return x0.mul(ca).add(noise.mul(cs));
    }

    /** x̂0 = (x_t − √(1−ᾱ_t)·ε̂) / √ᾱ_t. */
    public NDArray predictOriginal(NDArray x, NDArray eps, int t) {
        double at = schedule.alphaBar(t);
        return x.sub(eps.mul((float) Math.sqrt(1 - at))).div((float) Math.sqrt(at));
    }

    /**
     * Sets the n sampling timesteps, highest first: integer stride T/n, shifted so the first
     * (noisiest) step is t = T−1 (trailing spacing).
     */
    public void setTimesteps(int n) {
        int total = schedule.steps();
        if (n < 1 || n > total)
            throw new IllegalArgumentException("steps must be between 1 and " + total + ", got " + n);
        stride = total / n;
        timesteps = new int[n];
        for (int k = 0; k < n; k++) timesteps[k] = (n - 1 - k) * stride + (total - 1 - (n - 1) * stride);
    }

    /** The sampling timesteps set last, highest first. */
    public int[] timesteps() {
        return timesteps.clone();
    }

    /** The timestep the step from t lands on (−1: clean). */
    public int previousTimestep(int t) {
        return t - stride;
    }

    /** One denoising step from x_t with the model's ε̂ to the next (less noisy) sample. */
    public abstract NDArray step(NDArray eps, int t, NDArray x);
}
