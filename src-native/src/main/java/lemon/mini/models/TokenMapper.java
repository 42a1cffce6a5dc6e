package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * NeTI-style mapper M(t, layer) (Alaluf et al. 2023; Eq. 3 of LeMon): a Fourier encoding of the
 * diffusion timestep and of the cross-attention layer, with the character's token, goes through a
 * small MLP whose output is added to that token's input embedding for that layer at that timestep.
 * One mapper serves all characters of a story: its input carries the token (at unit length), so
 * each character gets its own offsets and a prompt with several characters needs one mapper.
 * The output layer starts at zero, so an untrained mapper adds nothing (plain Textual Inversion).
 */
public final class TokenMapper implements AutoCloseable {
    /** Its weight layers, each with a .weight and a .bias. */
    public static final String[] LAYERS = {"fc1", "fc2", "out"};

    /**
     * @param width       token embedding width (the text encoder's)
     * @param layers      cross-attention layers of the UNet it serves ({@link MiniUNet#crossAttentionLayers()})
     * @param timesteps   T, the trained noise levels: t/T and layer/(layers−1) are what gets encoded
     * @param frequencies Fourier frequencies 2^k·π (k below this) per encoded input
     * @param hidden      MLP width
     */
    public record Config(int width, int layers, int timesteps, int frequencies, int hidden) {
        /**
         * 6 frequencies: the finest has a period of 1/16 of the timestep range (about 60 of 1000
         * steps), finer than 20 DDIM steps apart; 128 hidden units: as wide as the mini tokens.
         */
        public static Config of(int width, int layers, int timesteps) {
            return new Config(width, layers, timesteps, 6, 128);
        }

        int encoded() {
            return 4 * frequencies;
        }
    }

    private final Config cfg;
    private final Params params;

    /** A new mapper: hidden layers drawn from {@code seed}, output layer zero. */
    public TokenMapper(Config cfg, NDManager parent, long seed) {
        this.cfg = cfg;
        this.params = new Params(parent);
        Random rnd = new Random(seed); // not the engine's generator: the same seed gives the same mapper anywhere
        int in = cfg.encoded() + cfg.width();
        dense("fc1", in, cfg.hidden(), rnd);
        dense("fc2", cfg.hidden(), cfg.hidden(), rnd);
        params.zeros("out.weight", cfg.width(), cfg.hidden());
        params.zeros("out.bias", cfg.width());
    }

    private void dense(String name, int in, int out, Random rnd) {
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rnd.nextGaussian() / Math.sqrt(in));
        params.put(name + ".weight", params.manager().create(w, new Shape(out, in)));
        params.zeros(name + ".bias", out);
    }

    public Config config() {
        return cfg;
    }

    public Params params() {
        return params;
    }

    /**
     * Offsets [B, K, width] for tokens [K, width] at the samples' timesteps {@code t} (one per
     * sample) in cross-attention layer {@code layer}. Call with the parameters attached to a scope.
     */
    public NDArray offsets(NDArray tokens, float[] t, int layer) {
        if (layer < 0 || layer >= cfg.layers())
            throw new IllegalArgumentException("layer " + layer + " of a mapper for " + cfg.layers() + " layers");
        int b = t.length, f = cfg.encoded();
        long k = tokens.getShape().get(0);
        float[] enc = new float[b * f];
        for (int i = 0; i < b; i++) System.arraycopy(encode(t[i], layer), 0, enc, i * f, f);
        NDArray pos = tokens.getManager().create(enc, new Shape(b, 1, f)).repeat(1, k);
        NDArray unit = tokens.div(tokens.norm(new int[] {1}, true).add(1e-6f))
                .expandDims(0)
                .repeat(0, b);
        NDArray h = pos.concat(unit, 2);
        h = Nn.silu(Nn.linear(h, params, "fc1"));
        h = Nn.silu(Nn.linear(h, params, "fc2"));
        return Nn.linear(h, params, "out");
    }

    /** [sin(2^k·π·u), cos(2^k·π·u)] for u = t/T, then for u = layer/(layers−1). */
    float[] encode(float t, int layer) {
        int n = cfg.frequencies();
        float[] out = new float[cfg.encoded()];
        double[] u = {t / cfg.timesteps(), cfg.layers() > 1 ? layer / (double) (cfg.layers() - 1) : 0};
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < n; i++) {
                double a = Math.pow(2, i) * Math.PI * u[j];
                out[j * 2 * n + i] = (float) Math.sin(a);
                out[j * 2 * n + n + i] = (float) Math.cos(a);
            }
        }
        return out;
    }

    @Override
    public void close() {
        params.close();
    }
}
