package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import lemon.mini.models.Conditioning;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.Nn;
import lemon.mini.models.Params;
import lemon.mini.models.RegionMask;
import lemon.mini.schedulers.NoiseScheduler;

/**
 * ε-prediction DDPM training: x_t = √ᾱ_t·x0 + √(1−ᾱ_t)·ε at a uniformly random t, loss
 * MSE(ε̂, ε), Adam, optional EMA of the UNet (and of the text encoder when it is trained too).
 * Randomness (t, ε, caption dropout) comes from a seeded java.util.Random, so a run is reproducible.
 *
 * <p>NaN guard ({@link NonFiniteGuard}): a batch with a non-finite loss or gradients is not
 * applied; it returns NaN and is counted in {@link #skipped()}.
 */
public final class DdpmTrainer implements AutoCloseable {
    private final MiniUNet unet;
    private final MiniTextEncoder textEncoder;
    private final NoiseScheduler scheduler;
    private final NDManager root;
    private final Adam adam;
    private final Ema unetEma, textEma;
    private Random rnd;
    private final float captionDropout;
    private int steps, skipped;
    private boolean regional;

    /**
     * @param textEncoder    optional; its trainable parameters are updated too (freeze it to keep it fixed)
     * @param emaDecay       0 disables EMA
     * @param captionDropout probability of training a sample on the empty caption, which is what
     *                       makes classifier-free guidance possible (SD: 0.1)
     */
    public DdpmTrainer(
            MiniUNet unet,
            MiniTextEncoder textEncoder,
            NoiseScheduler scheduler,
            float lr,
            float emaDecay,
            float captionDropout,
            long seed) {
        this.unet = unet;
        this.textEncoder = textEncoder;
        this.scheduler = scheduler;
        this.root = unet.params().manager().getParentManager().newSubManager();
        this.adam = new Adam(root, lr);
        this.unetEma = emaDecay > 0 ? new Ema(unet.params(), emaDecay) : null;
        this.textEma =
                emaDecay > 0 && textEncoder != null && textEncoder.params().trainableCount() > 0
                        ? new Ema(textEncoder.params(), emaDecay)
                        : null;
        this.rnd = new Random(seed);
        this.captionDropout = captionDropout;
    }

    /** The learning rate of the following steps ({@link Adam#setRate}). */
    public void setRate(float rate) {
        adam.setRate(rate);
    }

    /** Caption steps train with regional cross-attention ({@link RegionMask}): each person's words only for its column. */
    public DdpmTrainer regional(boolean on) {
        regional = on;
        return this;
    }

    /** One step on clean samples x0 [B, C, H, W] with their captions; returns the loss, NaN if skipped. */
    public float step(NDArray x0, List<String> captions) {
        if (textEncoder == null) throw new IllegalStateException("no text encoder: use step(x0, contextFn)");
        List<String> used = new ArrayList<>(captions);
        for (int i = 0; i < used.size(); i++) if (rnd.nextFloat() < captionDropout) used.set(i, "");
        RegionMask regions = regional
                ? RegionMask.of(
                        textEncoder.tokenizer(), used, textEncoder.config().maxTokens())
                : null;
        return step(x0, scope -> textEncoder.encode(scope, used), regions);
    }

    /** One step with the text encoding computed inside the step's scope by {@code context}; NaN if skipped. */
    public float step(NDArray x0, Function<NDManager, MiniTextEncoder.Encoded> context) {
        return step(x0, context, null);
    }

    private float step(NDArray x0, Function<NDManager, MiniTextEncoder.Encoded> context, RegionMask regions) {
        Shape s = x0.getShape();
        int b = (int) s.get(0);
        float[] noise = new float[(int) s.size()];
        float[] t = new float[b];
        int[] ti = new int[b];
        for (int i = 0; i < b; i++) {
            ti[i] = rnd.nextInt(scheduler.trainTimesteps());
            t[i] = ti[i];
        }
        for (int i = 0; i < noise.length; i++) noise[i] = (float) rnd.nextGaussian();
        try (NDManager scope = root.newSubManager()) {
            unet.params().attachTo(scope);
            if (textEncoder != null) textEncoder.params().attachTo(scope);
            x0.tempAttach(scope);
            NDArray eps = scope.create(noise, s).toDevice(x0.getDevice(), false);
            Params[] trained = textEncoder != null
                    ? new Params[] {unet.params(), textEncoder.params()}
                    : new Params[] {unet.params()};
            NonFiniteGuard.Outcome o = NonFiniteGuard.backward(
                    () -> {
                        NDArray xt = scheduler.addNoise(x0, eps, ti);
                        MiniTextEncoder.Encoded text = context.apply(scope);
                        Conditioning c = Conditioning.constant(text.states(), text.pooled());
                        return Nn.mse(unet.forward(xt, t, Conditioning.withRegions(c, regions)), eps);
                    },
                    trained);
            if (!o.applicable()) return skip();
            float loss = (float) o.loss();
            if (textEncoder != null) adam.step(unet.params(), textEncoder.params());
            else adam.step(unet.params());
            if (unetEma != null) unetEma.update(unet.params());
            if (textEma != null) textEma.update(textEncoder.params());
            steps++;
            return loss;
        }
    }

    /** Saves what an exact resume needs beyond the weights: Adam's moments and the noise generator. */
    public void saveState(Path dir) throws IOException {
        Files.createDirectories(dir);
        adam.save(dir.resolve(Adam.STATE_FILE));
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(dir.resolve(RNG_FILE)))) {
            out.writeObject(rnd);
        }
    }

    /** Restores {@link #saveState}; false (nothing changed) when {@code dir} holds none. */
    public boolean loadState(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(Adam.STATE_FILE)) || !Files.exists(dir.resolve(RNG_FILE))) return false;
        adam.load(dir.resolve(Adam.STATE_FILE));
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(dir.resolve(RNG_FILE)))) {
            rnd = (Random) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
        return true;
    }

    private static final String RNG_FILE = "noise-rng.bin";

    private float skip() {
        skipped++;
        return Float.NaN;
    }

    /** Steps applied (skipped batches not counted). */
    public int steps() {
        return steps;
    }

    /** Batches skipped for a non-finite loss or non-finite gradients. */
    public int skipped() {
        return skipped;
    }

    /** The UNet's EMA weights, or null when EMA is off. */
    public Ema ema() {
        return unetEma;
    }

    /** The text encoder's EMA weights, or null when EMA is off or the encoder is not trained. */
    public Ema textEma() {
        return textEma;
    }

    @Override
    public void close() {
        if (unetEma != null) unetEma.close();
        if (textEma != null) textEma.close();
        root.close();
    }
}
