package lemon.mini.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import lemon.mini.model.Checkpoint;
import lemon.mini.model.MiniTextEncoder;
import lemon.mini.model.MiniUNet;
import lemon.mini.model.ModelManifest;
import lemon.mini.model.NoiseSchedule;
import lemon.mini.model.TextEncoderConfig;
import lemon.mini.model.Tokenizer;
import lemon.mini.model.UNetConfig;

/**
 * Text-to-portrait: the trained text encoder and 32×32 pixel UNet sample with DDIM (η = 0) and
 * classifier-free guidance, the predicted clean image clipped to [−1, 1] at every step (pixel
 * space needs it: guided ε overshoots otherwise), then {@link Upsampler2x} brings it to 64×64.
 *
 * <p>Weights: {@code text/}, {@code unet/}, {@code upsampler/} checkpoints in one directory; every
 * file's sha256 is checked against its manifest on load. {@link #loadDefault()} reads the
 * committed ones from the classpath ({@value #RESOURCE}).
 */
public final class PortraitGenerator implements AutoCloseable {
    public static final String RESOURCE = "/lemon/mini/diffusion";
    /** DDIM steps: with guidance rescale, 15, 20 and 25 steps read the same on held-out captions. */
    public static final int DEFAULT_STEPS = 20;
    /** SD's usual scale; measured here: attribute faithfulness rises steeply from 2 to 7.5. */
    public static final float DEFAULT_GUIDANCE = 7.5f;
    /**
     * Guidance rescale φ (Lin et al. 2024, "Common diffusion noise schedules and sample steps are
     * flawed", their suggested 0.7): the guided x̂0 is scaled to the conditional prediction's
     * standard deviation and mixed back in with weight φ. Strong guidance otherwise oversaturates
     * colours; here it turned brown hair orange-red (hair colour 67.5% → 76.5% at φ = 0.7).
     */
    public static final float DEFAULT_RESCALE = 0.7f;

    /** How to sample: DDIM steps, guidance scale (1 = none, 0 = unconditional) and guidance rescale φ. */
    public record Sampling(int steps, float guidance, float rescale) {
        public static final Sampling DEFAULT = new Sampling(DEFAULT_STEPS, DEFAULT_GUIDANCE, DEFAULT_RESCALE);

        public Sampling {
            if (steps < 1 || steps > 1000) throw new IllegalArgumentException("steps must be between 1 and 1000, got " + steps);
            if (!(guidance >= 0 && guidance <= 30)) throw new IllegalArgumentException("guidance must be between 0 and 30, got " + guidance);
            if (!(rescale >= 0 && rescale <= 1)) throw new IllegalArgumentException("rescale must be between 0 and 1, got " + rescale);
        }

        public Sampling withSteps(int n) {
            return new Sampling(n, guidance, rescale);
        }

        public Sampling withGuidance(float g) {
            return new Sampling(steps, g, rescale);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d DDIM steps, guidance %.1f, rescale %.1f", steps, guidance, rescale);
        }
    }

    private final NDManager root = Engine.getEngine("PyTorch").newBaseManager();
    private final MiniTextEncoder text;
    private final MiniUNet unet;
    private final Upsampler2x upsampler;
    private final NoiseSchedule schedule = PortraitDiffusionTrainer.SCHEDULE;
    private final long trainedSteps;

    private PortraitGenerator(Path dir) throws IOException {
        ModelManifest tm = Checkpoint.verify(dir.resolve("text"));
        ModelManifest um = Checkpoint.verify(dir.resolve("unet"));
        ModelManifest pm = Checkpoint.verify(dir.resolve("upsampler"));
        Tokenizer tok = Tokenizer.load(dir.resolve("text").resolve("tokenizer.json"));
        text = new MiniTextEncoder(tm.config(TextEncoderConfig.class), tok, root, 0);
        unet = new MiniUNet(um.config(UNetConfig.class), root, 0);
        upsampler = new Upsampler2x(pm.config(Upsampler2x.Config.class), root, 0);
        Checkpoint.load(dir.resolve("text"), text);
        Checkpoint.load(dir.resolve("unet"), unet);
        Checkpoint.load(dir.resolve("upsampler"), upsampler);
        trainedSteps = um.steps();
    }

    /** Loads a generator directory (checksums verified). */
    public static PortraitGenerator load(Path dir) throws IOException {
        return new PortraitGenerator(dir);
    }

    /** Loads the committed weights from the classpath (copied out first when inside a jar). */
    public static PortraitGenerator loadDefault() throws IOException {
        return load(committedDir());
    }

    /** The committed generator directory: on the classpath, or a temporary copy when inside a jar. */
    public static Path committedDir() throws IOException {
        URL url = PortraitGenerator.class.getResource(RESOURCE + "/unet/" + ModelManifest.FILE);
        if (url == null) throw new IOException("no committed diffusion weights on the classpath under " + RESOURCE);
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI()).getParent().getParent();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        Path tmp = Files.createTempDirectory("lemon-diffusion");
        for (String part : List.of("text", "unet", "upsampler")) {
            Files.createDirectories(tmp.resolve(part));
            List<String> files = new ArrayList<>(List.of(ModelManifest.FILE));
            try (InputStream in = PortraitGenerator.class.getResourceAsStream(RESOURCE + "/" + part + "/" + ModelManifest.FILE)) {
                Files.copy(in, tmp.resolve(part).resolve(ModelManifest.FILE));
            }
            files.addAll(ModelManifest.read(tmp.resolve(part)).sha256().keySet());
            for (String f : files.subList(1, files.size())) {
                try (InputStream in = PortraitGenerator.class.getResourceAsStream(RESOURCE + "/" + part + "/" + f)) {
                    if (in == null) throw new IOException("missing resource " + part + "/" + f);
                    Files.copy(in, tmp.resolve(part).resolve(f));
                }
            }
        }
        return tmp;
    }

    /** Training steps of the loaded UNet. */
    public long trainedSteps() {
        return trainedSteps;
    }

    /** The description as the text encoder will read it (synonyms mapped to caption words). */
    public String normalise(String description) {
        Tokenizer tok = text.tokenizer();
        return DescriptionWords.normalise(description, w -> tok.id(w) != Tokenizer.UNK_ID);
    }

    /** n 64×64 portraits of one description with the default sampling. */
    public List<BufferedImage> generate(String description, int n, long seed) {
        return generate(description, n, seed, Sampling.DEFAULT);
    }

    /** n 64×64 portraits of one description; the same seed gives the same images. */
    public List<BufferedImage> generate(String description, int n, long seed, Sampling sampling) {
        return generateAll(Collections.nCopies(n, description), seed, sampling);
    }

    /** One 64×64 portrait per description, sampled as one batch; {@code ""} is unconditional. */
    public List<BufferedImage> generateAll(List<String> descriptions, long seed, Sampling sampling) {
        return upsampler.upsample(root, generateSmall(descriptions, noise(new Random(seed), descriptions.size()), sampling));
    }

    /**
     * One 64×64 portrait per (description, seed), sampled as one batch; each start noise comes from
     * its own seed, so a portrait does not depend on what else is in the batch.
     */
    public List<BufferedImage> generateEach(List<String> descriptions, List<Long> seeds, Sampling sampling) {
        if (descriptions.size() != seeds.size()) throw new IllegalArgumentException(descriptions.size() + " descriptions, " + seeds.size() + " seeds");
        int plane = plane();
        float[] init = new float[seeds.size() * plane];
        for (int i = 0; i < seeds.size(); i++) System.arraycopy(noise(new Random(seeds.get(i)), 1), 0, init, i * plane, plane);
        return upsampler.upsample(root, generateSmall(descriptions, init, sampling));
    }

    private int plane() {
        int size = unet.config().sampleSize();
        return 3 * size * size;
    }

    private float[] noise(Random rnd, int n) {
        float[] init = new float[n * plane()];
        for (int i = 0; i < init.length; i++) init[i] = (float) rnd.nextGaussian();
        return init;
    }

    /** The 32×32 samples before upsampling, from the given start noise. */
    private List<BufferedImage> generateSmall(List<String> descriptions, float[] init, Sampling sampling) {
        int n = descriptions.size(), size = unet.config().sampleSize(), plane = plane();
        List<String> caps = new ArrayList<>();
        for (String d : descriptions) caps.add(normalise(d));
        float[] px;
        try (NDManager scope = root.newSubManager()) {
            text.params().attachTo(scope);
            MiniTextEncoder.Encoded cond = text.encode(scope, caps);
            MiniTextEncoder.Encoded uncond = text.encode(scope, Collections.nCopies(n, ""));
            px = sample(scope, cond, uncond, new Shape(n, 3, size, size), sampling, init);
        }
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(PortraitData.fromChw(px, i * plane, size));
        return out;
    }

    /**
     * DDIM with guidance ε = ε_u + w·(ε_c − ε_u), both branches in one batch of 2n; the guided x̂0 is
     * rescaled towards the conditional one's standard deviation (φ), clipped to [−1, 1], and ε
     * re-derived from it, so the update stays consistent with the image actually kept.
     */
    private float[] sample(NDManager out, MiniTextEncoder.Encoded cond, MiniTextEncoder.Encoded uncond, Shape shape,
                           Sampling sampling, float[] init) {
        int b = (int) shape.get(0), steps = sampling.steps();
        float guidance = sampling.guidance(), rescale = sampling.rescale();
        boolean guided = guidance != 1f;
        NDArray context = guided ? uncond.states().concat(cond.states(), 0) : cond.states();
        NDArray pooled = guided ? uncond.pooled().concat(cond.pooled(), 0) : cond.pooled();
        NDArray x = out.create(init, shape);
        int stride = schedule.steps() / steps;
        for (int i = steps - 1; i >= 0; i--) {
            int t = i * stride + (schedule.steps() - 1 - (steps - 1) * stride), prev = t - stride; // last step lands on t = T−1
            NDArray next;
            try (NDManager scope = out.newSubManager()) {
                unet.params().attachTo(scope);
                x.tempAttach(scope);
                context.tempAttach(scope);
                pooled.tempAttach(scope);
                float[] ts = new float[guided ? 2 * b : b];
                java.util.Arrays.fill(ts, t);
                NDArray eps, ec = null;
                if (guided) {
                    NDArray both = unet.forward(x.concat(x, 0), ts, context, pooled);
                    NDArray eu = both.get("0:" + b);
                    ec = both.get(b + ":");
                    eps = eu.add(ec.sub(eu).mul(guidance));
                } else {
                    eps = unet.forward(x, ts, context, pooled);
                }
                double at = schedule.alphaBar(t), ap = schedule.alphaBar(prev);
                NDArray x0 = predictX0(x, eps, at);
                if (ec != null && rescale > 0) {
                    NDArray rescaled = x0.mul(std(predictX0(x, ec, at)).div(std(x0)));
                    x0 = rescaled.mul(rescale).add(x0.mul(1 - rescale));
                }
                x0 = x0.clip(-1f, 1f);
                eps = x.sub(x0.mul((float) Math.sqrt(at))).div((float) Math.sqrt(1 - at));
                next = x0.mul((float) Math.sqrt(ap)).add(eps.mul((float) Math.sqrt(1 - ap)));
                next.attach(out);
            }
            x.close();
            x = next;
        }
        return x.toFloatArray();
    }

    private static NDArray predictX0(NDArray x, NDArray eps, double alphaBar) {
        return x.sub(eps.mul((float) Math.sqrt(1 - alphaBar))).div((float) Math.sqrt(alphaBar));
    }

    /** Per-sample standard deviation over all pixels and channels, shaped [b, 1, 1, 1]. */
    private static NDArray std(NDArray x) {
        long b = x.getShape().get(0);
        NDArray flat = x.reshape(b, -1);
        NDArray centred = flat.sub(flat.mean(new int[] {1}, true));
        return centred.square().mean(new int[] {1}, true).sqrt().maximum(1e-6f).reshape(b, 1, 1, 1);
    }

    @Override
    public void close() {
        text.close();
        unet.close();
        upsampler.close();
        root.close();
    }
}
