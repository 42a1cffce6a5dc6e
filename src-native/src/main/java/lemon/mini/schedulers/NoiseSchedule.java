package lemon.mini.schedulers;

/** Discrete DDPM noise schedule: ᾱ_t for t = 0..T−1. */
public final class NoiseSchedule {
    public enum Kind {
        LINEAR,
        SCALED_LINEAR,
        COSINE
    }

    private final Kind kind;
    private final double[] alphaBar;

    private NoiseSchedule(Kind kind, double[] alphaBar) {
        this.kind = kind;
        this.alphaBar = alphaBar;
    }

    /** SD-1.x's schedule: β linear in √β from 0.00085 to 0.012, T = 1000. */
    public static NoiseSchedule scaledLinear(int steps) {
        return fromBetas(Kind.SCALED_LINEAR, steps, i -> {
            double a = Math.sqrt(0.00085), b = Math.sqrt(0.012);
            double s = a + (b - a) * i / (steps - 1);
            return s * s;
        });
    }

    /** DDPM's linear β from 1e-4 to 0.02. */
    public static NoiseSchedule linear(int steps) {
        return fromBetas(Kind.LINEAR, steps, i -> 1e-4 + (0.02 - 1e-4) * i / (steps - 1));
    }

    /** Nichol & Dhariwal's cosine schedule (better for small images), β capped at 0.999. */
    public static NoiseSchedule cosine(int steps) {
        double s = 0.008;
        java.util.function.DoubleUnaryOperator f = u -> Math.pow(Math.cos((u + s) / (1 + s) * Math.PI / 2), 2);
        return fromBetas(
                Kind.COSINE,
                steps,
                i -> Math.min(0.999, 1 - f.applyAsDouble((i + 1.0) / steps) / f.applyAsDouble((double) i / steps)));
    }

    private static NoiseSchedule fromBetas(Kind kind, int steps, java.util.function.IntToDoubleFunction beta) {
        double[] ab = new double[steps];
        double prod = 1;
        for (int i = 0; i < steps; i++) {
            prod *= 1 - beta.applyAsDouble(i);
            ab[i] = prod;
        }
        return new NoiseSchedule(kind, ab);
    }

    public Kind kind() {
        return kind;
    }

    public int steps() {
        return alphaBar.length;
    }

    /** ᾱ_t; t = −1 means "no noise" (1). */
    public double alphaBar(int t) {
        return t < 0 ? 1.0 : alphaBar[t];
    }
}
