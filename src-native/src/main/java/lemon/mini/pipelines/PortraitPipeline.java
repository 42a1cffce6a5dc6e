package lemon.mini.pipelines;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lemon.mini.loaders.BundledCopy;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MapperFiles;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.Conditioning;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.NoGrad;
import lemon.mini.models.RegionMask;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.models.TokenConditioning;
import lemon.mini.models.TokenMapper;
import lemon.mini.models.UNetConfig;
import lemon.mini.models.Upsampler2x;
import lemon.mini.schedulers.DdimScheduler;
import lemon.mini.schedulers.SchedulerConfig;

/**
 * Text-to-portrait: the trained text encoder and 32×32 pixel UNet sample with DDIM (η = 0) and
 * classifier-free guidance ({@link #denoise}), the predicted clean image clipped to [−1, 1] at every
 * step as the scheduler config says (pixel space needs it: guided ε overshoots otherwise), then
 * {@link Upsampler2x} brings it to 64×64.
 *
 * <p>Scenes: the same UNet (convolutional; attention reads any H×W) paints the wide
 * {@link #sceneCanvas()}, 64×32 unless the generator config says otherwise, and the upsampler
 * makes it 128×64. Every {@code generate…} method without a canvas paints portraits.
 *
 * <p>Weights: {@code text/}, {@code unet/}, {@code upsampler/} checkpoints and
 * {@code scheduler/scheduler_config.json} in one directory; every file's sha256 is checked against
 * its manifest on load. {@link #loadDefault()} reads the
 * committed ones from the classpath ({@value #RESOURCE}).
 */
public final class PortraitPipeline implements AutoCloseable {
    public static final String RESOURCE = "/lemon/mini/diffusion";
    /** DDIM steps: with guidance rescale, 15, 20 and 25 steps read the same on held-out captions. */
    public static final int DEFAULT_STEPS = 20;
    /**
     * Stronger than SD's usual 7.5, by measurement (with rescale): attribute faithfulness rises
     * steeply from 2 to 7.5 and still from 7.5 to 15 (eval-descriptions, 2026-12-04: hair 59.3 →
     * 66.2% on the pipeline's descriptions, 72.5 → 81.5% on template captions; src-native README).
     */
    public static final float DEFAULT_GUIDANCE = 15f;
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
            if (steps < 1 || steps > 1000)
                throw new IllegalArgumentException("steps must be between 1 and 1000, got " + steps);
            if (!(guidance >= 0 && guidance <= 30))
                throw new IllegalArgumentException("guidance must be between 0 and 30, got " + guidance);
            if (!(rescale >= 0 && rescale <= 1))
                throw new IllegalArgumentException("rescale must be between 0 and 1, got " + rescale);
        }

        public Sampling withSteps(int n) {
            return new Sampling(n, guidance, rescale);
        }

        public Sampling withGuidance(float g) {
            return new Sampling(steps, g, rescale);
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT, "%d DDIM steps, guidance %.1f, rescale %.1f", steps, guidance, rescale);
        }
    }

    /** What the UNet paints, in pixels before the 2× upsampler: square for portraits, wide for scenes. */
    public record CanvasSize(int width, int height) {
        public CanvasSize {
            if (width < 1 || height < 1)
                throw new IllegalArgumentException("a canvas needs a positive size, got " + width + "×" + height);
        }

        /** Floats of one image: three channels of width × height. */
        int plane() {
            return 3 * width * height;
        }

        @Override
        public String toString() {
            return width + "×" + height;
        }
    }

    private final NDManager root = Engine.getEngine("PyTorch").newBaseManager();
    private final MiniTextEncoder text;
    private final MiniUNet unet;
    private final Upsampler2x upsampler;
    private final DdimScheduler scheduler;
    private final long trainedSteps;
    private final GeneratorConfig generator;

    private PortraitPipeline(Path dir) throws IOException {
        ModelManifest tm = Checkpoint.verify(dir.resolve("text"));
        ModelManifest um = Checkpoint.verify(dir.resolve("unet"));
        ModelManifest pm = Checkpoint.verify(dir.resolve("upsampler"));
        CaptionTokenizer tok = CaptionTokenizer.load(dir.resolve("text").resolve("tokenizer.json"));
        text = new MiniTextEncoder(tm.config(TextEncoderConfig.class), tok, root, 0);
        unet = new MiniUNet(um.config(UNetConfig.class), root, 0);
        upsampler = new Upsampler2x(pm.config(Upsampler2x.Config.class), root, 0);
        Checkpoint.load(dir.resolve("text"), text);
        Checkpoint.load(dir.resolve("unet"), unet);
        Checkpoint.load(dir.resolve("upsampler"), upsampler);
        trainedSteps = um.steps();
        generator = GeneratorConfig.readFrom(dir);
        scheduler = new DdimScheduler(SchedulerConfig.readFrom(dir));
    }

    /** Loads a generator directory (checksums verified). */
    public static PortraitPipeline load(Path dir) throws IOException {
        return new PortraitPipeline(dir);
    }

    /** Loads the committed weights from the classpath (copied out first when inside a jar). */
    public static PortraitPipeline loadDefault() throws IOException {
        return load(committedDir());
    }

    /** The committed generator directory: on the classpath, or its copy ({@link BundledCopy}) when inside a jar. */
    public static Path committedDir() throws IOException {
        URL url = PortraitPipeline.class.getResource(RESOURCE + "/unet/" + ModelManifest.FILE);
        if (url == null) throw new IOException("no committed diffusion weights on the classpath under " + RESOURCE);
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI()).getParent().getParent();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        // Each part's manifest names its files; the scheduler and generator configs are optional
        // (weights from before them fall back to defaults, or paint portraits only).
        Map<String, byte[]> files = new java.util.TreeMap<>();
        for (String part : List.of("text", "unet", "upsampler")) {
            String manifest = part + "/" + ModelManifest.FILE;
            files.putAll(BundledCopy.read(PortraitPipeline.class, RESOURCE, List.of(manifest)));
            List<String> named = ModelManifest.fromBytes(files.get(manifest)).sha256().keySet().stream()
                    .map(f -> part + "/" + f)
                    .toList();
            files.putAll(BundledCopy.read(PortraitPipeline.class, RESOURCE, named));
        }
        files.putAll(BundledCopy.readPresent(
                PortraitPipeline.class,
                RESOURCE,
                List.of(SchedulerConfig.DIR + "/" + SchedulerConfig.FILE, GeneratorConfig.FILE)));
        return BundledCopy.of("diffusion", files);
    }

    /** Training steps of the loaded UNet. */
    public long trainedSteps() {
        return trainedSteps;
    }

    /**
     * The description as the text encoder will read it (synonyms mapped to caption words); for
     * weights trained on compacted descriptions, also {@link DescriptionWords#compact} to the window.
     */
    public String normalise(String description) {
        CaptionTokenizer tok = text.tokenizer();
        String n = DescriptionWords.normalise(description, w -> tok.id(w) != CaptionTokenizer.UNK_ID);
        if (!generator.compactDescriptions()) return n;
        return DescriptionWords.compact(
                tok.words(n),
                w -> tok.id(w) != CaptionTokenizer.UNK_ID || isPlaceholder(w),
                text.config().maxTokens() - 2);
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("<[\\p{L}\\p{N}_-]+>");

    /** A learned token's placeholder ("<c1>"): never compacted away, its embedding replaces it later. */
    static boolean isPlaceholder(String word) {
        return PLACEHOLDER.matcher(word).matches()
                && !List.of(CaptionTokenizer.PAD, CaptionTokenizer.BOS, CaptionTokenizer.EOS, CaptionTokenizer.UNK)
                        .contains(word);
    }

    /** What these weights were trained for (portraits only when the directory has no config). */
    public GeneratorConfig generatorConfig() {
        return generator;
    }

    /** The UNet's training size, square: what every portrait is painted at. */
    public CanvasSize portraitCanvas() {
        int size = unet.config().sampleSize();
        return new CanvasSize(size, size);
    }

    /**
     * The scene canvas the weights learned ({@link GeneratorConfig}); weights that say nothing get
     * twice the portrait's width at its height, the canvas the scene retraining uses, so today's
     * portrait-only weights can still be asked for a scene (they paint it poorly).
     */
    public CanvasSize sceneCanvas() {
        if (generator.knowsScenes()) return new CanvasSize(generator.sceneWidth(), generator.sceneHeight());
        int size = unet.config().sampleSize();
        return new CanvasSize(2 * size, size);
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
        CanvasSize canvas = portraitCanvas();
        try (NoGrad g = NoGrad.enter()) {
            return upsampler.upsample(
                    root,
                    generateSmall(
                            canvas, descriptions, noise(new Random(seed), descriptions.size(), canvas), sampling));
        }
    }

    /**
     * One 64×64 portrait per (description, seed), sampled as one batch; each start noise comes from
     * its own seed, so a portrait does not depend on what else is in the batch.
     */
    public List<BufferedImage> generateEach(List<String> descriptions, List<Long> seeds, Sampling sampling) {
        return generateEach(portraitCanvas(), descriptions, seeds, sampling);
    }

    /**
     * One image per (description, seed) on the given canvas, upsampled to twice its size (a
     * {@link #sceneCanvas()} gives 128×64 scenes); each seed alone sets its start noise.
     */
    public List<BufferedImage> generateEach(
            CanvasSize canvas, List<String> descriptions, List<Long> seeds, Sampling sampling) {
        try (NoGrad g = NoGrad.enter()) {
            return upsampler.upsample(
                    root, generateSmall(canvas, descriptions, noise(canvas, descriptions, seeds), sampling));
        }
    }

    /**
     * As {@link #generateEach(List, List, Sampling)} with learned tokens: {@code tokens.get(i)} maps
     * placeholders of description i ({@code <s1>}, one word each) to the embeddings that replace them
     * in the text encoder's input; {@code mapper} (null: none) offsets them per timestep and
     * cross-attention layer. A token equal to a word's embedding paints exactly what that word paints.
     */
    public List<BufferedImage> generateEach(
            List<String> descriptions,
            List<Long> seeds,
            List<Map<String, float[]>> tokens,
            TokenMapper mapper,
            Sampling sampling) {
        return generateEach(portraitCanvas(), descriptions, seeds, tokens, mapper, sampling);
    }

    /**
     * As {@link #generateEach(List, List, List, TokenMapper, Sampling)} on the given canvas: a scene
     * of several characters names each with its own placeholder, all under one mapper.
     */
    public List<BufferedImage> generateEach(
            CanvasSize canvas,
            List<String> descriptions,
            List<Long> seeds,
            List<Map<String, float[]>> tokens,
            TokenMapper mapper,
            Sampling sampling) {
        if (tokens.size() != descriptions.size())
            throw new IllegalArgumentException(descriptions.size() + " descriptions, " + tokens.size() + " token maps");
        try (NoGrad g = NoGrad.enter()) {
            return upsampler.upsample(
                    root,
                    generateSmall(canvas, descriptions, noise(canvas, descriptions, seeds), tokens, mapper, sampling));
        }
    }

    /** Start noise for each seed, one after the other. */
    private float[] noise(CanvasSize canvas, List<String> descriptions, List<Long> seeds) {
        if (descriptions.size() != seeds.size())
            throw new IllegalArgumentException(descriptions.size() + " descriptions, " + seeds.size() + " seeds");
        int plane = canvas.plane();
        float[] init = new float[seeds.size() * plane];
        for (int i = 0; i < seeds.size(); i++)
            System.arraycopy(noise(new Random(seeds.get(i)), 1, canvas), 0, init, i * plane, plane);
        return init;
    }

    /** The text encoder the UNet reads (personalisation trains tokens against it). */
    public MiniTextEncoder textEncoder() {
        return text;
    }

    public MiniUNet unet() {
        return unet;
    }

    /** How the UNet was trained to be noised. */
    public SchedulerConfig schedulerConfig() {
        return scheduler.config();
    }

    /** A mapper from its bytes ({@link TokenMapper#toBytes}), refused unless made for this text encoder and UNet. */
    public TokenMapper loadMapper(byte[] bytes) throws IOException {
        TokenMapper m = MapperFiles.fromBytes(bytes, root);
        TokenMapper.Config c = m.config();
        if (c.width() != text.config().width()
                || c.layers() != unet.crossAttentionLayers()
                || c.timesteps() != scheduler.trainTimesteps()) {
            m.close();
            throw new IllegalArgumentException("the mapper was made for width " + c.width() + ", " + c.layers()
                    + " cross-attention layers and " + c.timesteps() + " timesteps; this model has "
                    + text.config().width() + ", " + unet.crossAttentionLayers() + " and "
                    + scheduler.trainTimesteps());
        }
        return m;
    }

    private static float[] noise(Random rnd, int n, CanvasSize canvas) {
        float[] init = new float[n * canvas.plane()];
        for (int i = 0; i < init.length; i++) init[i] = (float) rnd.nextGaussian();
        return init;
    }

    /** The UNet halves the canvas once per level after the first, so each side must divide evenly. */
    private void checkFits(CanvasSize canvas) {
        int step = 1 << (unet.config().channelMult().size() - 1);
        if (canvas.width() % step != 0 || canvas.height() % step != 0)
            throw new IllegalArgumentException("a " + canvas
                    + " canvas does not halve evenly through the UNet's levels (multiples of " + step + ")");
    }

    /** The samples before upsampling, from the given start noise. */
    private List<BufferedImage> generateSmall(
            CanvasSize canvas, List<String> descriptions, float[] init, Sampling sampling) {
        checkFits(canvas);
        int n = descriptions.size();
        List<String> caps = new ArrayList<>();
        for (String d : descriptions) caps.add(normalise(d));
        float[] px;
        try (NDManager scope = root.newSubManager()) {
            text.params().attachTo(scope);
            MiniTextEncoder.Encoded cond = text.encode(scope, caps);
            MiniTextEncoder.Encoded uncond = text.encode(scope, Collections.nCopies(n, ""));
            Conditioning.Constant c = Conditioning.constant(cond.states(), cond.pooled());
            NDArray x = denoise(
                    scope,
                    unet,
                    scheduler,
                    regional(
                            guided(sampling)
                                    ? Conditioning.constant(uncond.states(), uncond.pooled())
                                            .concat(c)
                                    : c,
                            caps,
                            sampling),
                    scope.create(init, new Shape(n, 3, canvas.height(), canvas.width())),
                    sampling);
            px = x.toFloatArray();
        }
        return read(px, n, canvas);
    }

    /**
     * {@code both} (when guided: the unconditional rows, then one per caption) read through regional
     * cross-attention when the weights learned it, as they learned it; otherwise unchanged.
     */
    private Conditioning regional(Conditioning both, List<String> caps, Sampling sampling) {
        return regional(both, regions(caps), sampling);
    }

    /** As {@link #regional(Conditioning, List, Sampling)} with the captions' regions already read (null: none). */
    private Conditioning regional(Conditioning both, RegionMask own, Sampling sampling) {
        if (own == null) return both;
        int rows = own.personOfToken().length, maxTokens = text.config().maxTokens();
        return Conditioning.withRegions(
                both, guided(sampling) ? RegionMask.none(rows, maxTokens).concat(own) : own);
    }

    /** Who each caption word speaks of, when the weights learned regional cross-attention; null otherwise. */
    private RegionMask regions(List<String> caps) {
        return generator.regionalAttention()
                ? RegionMask.of(text.tokenizer(), caps, text.config().maxTokens())
                : null;
    }

    private static List<BufferedImage> read(float[] px, int n, CanvasSize canvas) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(ImageTensors.read(px, i * canvas.plane(), canvas.width(), canvas.height()));
        return out;
    }

    /** The samples of descriptions with learned tokens before upsampling (see {@link #generateEach(CanvasSize, List, List, List, TokenMapper, Sampling)}). */
    private List<BufferedImage> generateSmall(
            CanvasSize canvas,
            List<String> descriptions,
            float[] init,
            List<Map<String, float[]>> tokens,
            TokenMapper mapper,
            Sampling sampling) {
        checkFits(canvas);
        int n = descriptions.size();
        int maxTokens = text.config().maxTokens(), width = text.config().width();
        List<String> caps = new ArrayList<>();
        for (String d : descriptions) caps.add(normalise(d));
        List<float[]> vectors = new ArrayList<>();
        List<int[]> placed = new ArrayList<>(); // (row, position, token)
        for (int i = 0; i < n; i++) {
            for (var e : tokens.get(i).entrySet()) {
                if (e.getValue().length != width)
                    throw new IllegalArgumentException("token " + e.getKey() + " has " + e.getValue().length
                            + " numbers; the text encoder's embeddings have " + width);
                int[] at = text.tokenizer().positions(caps.get(i), e.getKey(), maxTokens);
                if (at.length == 0)
                    throw new IllegalArgumentException("token " + e.getKey() + " is not a word of \"" + caps.get(i)
                            + "\" within the text encoder's " + maxTokens + " tokens");
                for (int p : at) placed.add(new int[] {i, p, vectors.size()});
                vectors.add(e.getValue());
            }
        }
        int k = vectors.size();
        float[] placement = new float[n * maxTokens * k], flat = new float[k * width];
        for (int[] r : placed) placement[(r[0] * maxTokens + r[1]) * k + r[2]] = 1f;
        for (int j = 0; j < k; j++) System.arraycopy(vectors.get(j), 0, flat, j * width, width);
        float[] px;
        try (NDManager scope = root.newSubManager()) {
            Conditioning.Constant uncond = null;
            if (guided(sampling)) {
                try (NDManager enc = scope.newSubManager()) { // the parameters go back when it closes
                    text.params().attachTo(enc);
                    MiniTextEncoder.Encoded u = text.encode(enc, Collections.nCopies(n, ""));
                    u.states().attach(scope);
                    u.pooled().attach(scope);
                    uncond = Conditioning.constant(u.states(), u.pooled());
                }
            }
            TokenConditioning cond = new TokenConditioning(
                    text,
                    text.tokenIds(scope, caps),
                    scope.create(placement, new Shape(n, maxTokens, k)),
                    scope.create(flat, new Shape(k, width)),
                    mapper,
                    uncond);
            RegionMask own = regions(caps);
            if (own != null) cond = cond.isolated(own, TokenConditioning.nearestWords(text, vectors));
            NDArray x = denoise(
                    scope,
                    unet,
                    scheduler,
                    regional(cond, own, sampling),
                    scope.create(init, new Shape(n, 3, canvas.height(), canvas.width())),
                    sampling);
            px = x.toFloatArray();
        }
        return read(px, n, canvas);
    }

    /**
     * The one DDIM loop (production and tests): guidance ε = ε_u + w·(ε_c − ε_u), both branches in
     * one batch of 2n; the guided x̂0 is rescaled towards the conditional one's standard deviation
     * (φ, Lin et al.), then the scheduler clips it and re-derives ε, so the update stays consistent
     * with the image actually kept. Returns the final sample attached to {@code out}.
     */
    public static NDArray denoise(
            NDManager out,
            MiniUNet unet,
            DdimScheduler scheduler,
            Conditioning.Constant cond,
            Conditioning.Constant uncond,
            NDArray init,
            Sampling sampling) {
        return denoise(out, unet, scheduler, guided(sampling) ? uncond.concat(cond) : cond, init, sampling);
    }

    private static boolean guided(Sampling sampling) {
        return sampling.guidance() != 1f;
    }

    /**
     * As above with any conditioning: when guided, {@code both} holds the unconditional batch
     * followed by the conditional one (2n rows), e.g. per-layer, per-timestep states from a mapper.
     */
    public static NDArray denoise(
            NDManager out, MiniUNet unet, DdimScheduler scheduler, Conditioning both, NDArray init, Sampling sampling) {
        int b = (int) init.getShape().get(0);
        float guidance = sampling.guidance(), rescale = sampling.rescale();
        boolean guided = guided(sampling);
        scheduler.setTimesteps(sampling.steps());
        NDArray x = init;
        for (int t : scheduler.timesteps()) {
            NDArray next;
            try (NDManager scope = out.newSubManager()) {
                unet.params().attachTo(scope);
                x.tempAttach(scope);
                both.tempAttach(scope);
                float[] ts = new float[guided ? 2 * b : b];
                java.util.Arrays.fill(ts, t);
                NDArray eps, ec = null;
                if (guided) {
                    NDArray pair = unet.forward(x.concat(x, 0), ts, both);
                    NDArray eu = pair.get("0:" + b);
                    ec = pair.get(b + ":");
                    eps = eu.add(ec.sub(eu).mul(guidance));
                } else {
                    eps = unet.forward(x, ts, both);
                }
                NDArray x0 = scheduler.predictOriginal(x, eps, t);
                if (ec != null && rescale > 0) {
                    NDArray rescaled =
                            x0.mul(std(scheduler.predictOriginal(x, ec, t)).div(std(x0)));
                    x0 = rescaled.mul(rescale).add(x0.mul(1 - rescale));
                }
                next = scheduler.stepFromOriginal(x, x0, t);
                next.attach(out);
            }
            if (x != init) x.close();
            x = next;
        }
        return x;
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
