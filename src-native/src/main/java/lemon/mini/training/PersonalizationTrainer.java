package lemon.mini.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import lemon.mini.loaders.MapperFiles;
import lemon.mini.loaders.Safetensors;
import lemon.mini.models.Conditioning;
import lemon.mini.models.GraphNetwork;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniClip;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.Nn;
import lemon.mini.models.Params;
import lemon.mini.models.RegionMask;
import lemon.mini.models.TokenConditioning;
import lemon.mini.models.TokenMapper;
import lemon.mini.schedulers.DdpmScheduler;
import lemon.mini.schedulers.NoiseScheduler;
import lemon.mini.schedulers.SchedulerConfig;
import lemon.port.Checkpoints;

/**
 * Personalisation (§4.2): one token per character, started from its class word's embedding, passed
 * through the interaction graph network (Eq. 2) and offset per timestep and cross-attention layer by
 * the mapper (Eq. 3), trained on the characters' portraits with L = L_rec + λ·L_ct (Eqs. 3 and 4)
 * by AdamW. Only the token embeddings, the graph network and the mapper train; the text encoder,
 * the UNet and CLIP stay frozen.
 *
 * <p>Every batch holds two or more portraits of each of several characters (L_ct needs both kinds
 * of pair). A batch's randomness (characters, portraits, t, ε) comes from (seed, batch number)
 * alone, so a run resumed from {@link #state()} makes exactly the batches the uninterrupted run
 * makes and ends with the same tokens and mapper.
 */
public final class PersonalizationTrainer implements AutoCloseable {
    /** The word that stands for the character's token in the training prompt. */
    public static final String PLACEHOLDER = "<s>";
    /** The prompt of every training portrait (the paper's "a portrait of S_i"). */
    public static final String PROMPT = "a portrait of " + PLACEHOLDER;

    /**
     * The frozen models: the text encoder and UNet that paint, their noise schedule, CLIP for L_ct.
     *
     * @param regionalScenes the UNet paints scenes with regional cross-attention ({@link RegionMask}), so
     *                       scene pairs train through it too
     */
    public record Models(
            MiniTextEncoder text, MiniUNet unet, SchedulerConfig scheduler, MiniClip clip, boolean regionalScenes) {
        public Models(MiniTextEncoder text, MiniUNet unet, SchedulerConfig scheduler, MiniClip clip) {
            this(text, unet, scheduler, clip, false);
        }
    }

    /**
     * A character to learn: its id, the embedding its token starts from, its portraits (any size),
     * and the prompt of its portraits, which names {@link #PLACEHOLDER} ({@link #PROMPT}, or that
     * followed by the words the token is painted beside).
     */
    public record Character(String id, float[] start, List<BufferedImage> portraits, String prompt) {
        public Character {
            if (!prompt.contains(PLACEHOLDER))
                throw new IllegalArgumentException(
                        id + "'s training prompt \"" + prompt + "\" does not name " + PLACEHOLDER);
        }

        public Character(String id, float[] start, List<BufferedImage> portraits) {
            this(id, start, portraits, PROMPT);
        }
    }

    /**
     * An accepted scene image (§4.3) and the prompt it was painted from; each placeholder in the
     * prompt stands for the character of that id. Trained with L_rec only: L_ct compares people,
     * and a scene holds several.
     */
    public record ScenePair(BufferedImage image, String prompt, Map<String, String> placeholders) {}

    /** Every this-many-th batch is scene pairs when there are any (the rest stay portraits, as in the paper's mix). */
    static final int PAIR_EVERY = 4;

    /**
     * Hyper-parameters. {@link #DEFAULT} and why:
     *
     * @param steps               optimiser steps (default 200: on {@code lemon personalize-check}'s three
     *                            characters consistency was 0.82 after 100 steps, 0.87 after 200 and 0.87
     *                            after 300; the paper's 5000 are for SD-1.4 at 512 px)
     * @param lr                  AdamW learning rate (default 5e-3, Textual Inversion's: the paper's 1e-3 is
     *                            for 5000 steps, 25× ours)
     * @param weightDecay         AdamW's decoupled decay (default 1e-2, PyTorch's AdamW default)
     * @param batch               portraits per step (default 8: the paper's effective batch, 2 × 4
     *                            accumulation; with two or more per character it holds L_ct's pairs)
     * @param lambda              weight λ of L_ct (default 0.03: the middle of the 0.02–0.04 the design
     *                            names for the paper's "small weight"; measured at 300 steps it lowers the
     *                            similarity to other characters from −0.04 to −0.10 and costs 0.01 of
     *                            consistency)
     * @param delta               similarity δ that pairs of one character are pulled above (default 0.8:
     *                            between CLIP-mini embeddings of portraits of one description the mean is
     *                            0.91, between two descriptions −0.06; {@code lemon personalize-check})
     * @param rounds              graph network rounds L (default 2, as in the paper)
     * @param contrastMaxTimestep samples noised beyond this take no part in L_ct (default 600): there x̂0
     *                            is mostly the noise estimate magnified by 1/√ᾱ_t (ᾱ ≈ 0.34 at 600 on the
     *                            cosine schedule), and CLIP on it would push on noise
     * @param checkpointEvery     steps between saved states (default 50: a retry repeats at most 50 steps,
     *                            under a minute here, and a save of about 2 MB costs far less than a step)
     * @param pushFloor           L_ct pushes pairs of different characters apart only while their CLIP is above
     *                            it (default −1: always, the paper's Eq. 4; see {@link #withPushFloor})
     * @param tokenPull           β of a pull β·‖e_i − c_i‖² of each character's token (the graph's output) towards
     *                            its class word's embedding (default 0: none, the paper's; see {@link #withTokenPull})
     */
    public record Settings(
            int steps,
            float lr,
            float weightDecay,
            int batch,
            float lambda,
            float delta,
            int rounds,
            int contrastMaxTimestep,
            int checkpointEvery,
            boolean scenePairsTrainMapper,
            boolean mapper,
            float pushFloor,
            float tokenPull) {
        public static final Settings DEFAULT =
                new Settings(200, 5e-3f, 1e-2f, 8, 0.03f, 0.8f, 2, 600, 50, true, true, -1f, 0f);

        /** The settings before {@code scenePairsTrainMapper}: scene pairs train the mapper too. */
        public Settings(
                int steps,
                float lr,
                float weightDecay,
                int batch,
                float lambda,
                float delta,
                int rounds,
                int contrastMaxTimestep,
                int checkpointEvery) {
            this(
                    steps,
                    lr,
                    weightDecay,
                    batch,
                    lambda,
                    delta,
                    rounds,
                    contrastMaxTimestep,
                    checkpointEvery,
                    true,
                    true,
                    -1f,
                    0f);
        }

        public Settings {
            if (steps < 0) throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
            if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be ≥ 0, got " + weightDecay);
            if (batch < 2) throw new IllegalArgumentException("batch must be ≥ 2 (L_ct compares pairs), got " + batch);
            if (!(lambda >= 0)) throw new IllegalArgumentException("λ must be ≥ 0, got " + lambda);
            if (!(delta >= -1 && delta <= 1)) throw new IllegalArgumentException("δ must be in [−1, 1], got " + delta);
            if (rounds < 0) throw new IllegalArgumentException("rounds must be ≥ 0, got " + rounds);
            if (!(pushFloor >= -1 && pushFloor <= 1))
                throw new IllegalArgumentException("the push floor must be in [−1, 1], got " + pushFloor);
            if (!(tokenPull >= 0 && tokenPull <= 100))
                throw new IllegalArgumentException("the token pull must be in [0, 100], got " + tokenPull);
            if (checkpointEvery < 1)
                throw new IllegalArgumentException("checkpointEvery must be ≥ 1, got " + checkpointEvery);
        }

        public Settings withSteps(int n) {
            return copy(n, rounds, checkpointEvery, lambda, scenePairsTrainMapper, mapper, pushFloor, tokenPull);
        }

        public Settings withLambda(float l) {
            return copy(steps, rounds, checkpointEvery, l, scenePairsTrainMapper, mapper, pushFloor, tokenPull);
        }

        /** Rounds of the graph network (Eq. 2); 0 passes each token through unchanged (the \Graph ablation). */
        public Settings withRounds(int l) {
            return copy(steps, l, checkpointEvery, lambda, scenePairsTrainMapper, mapper, pushFloor, tokenPull);
        }

        public Settings withCheckpointEvery(int n) {
            return copy(steps, rounds, n, lambda, scenePairsTrainMapper, mapper, pushFloor, tokenPull);
        }

        /**
         * Whether accepted scene pairs train the NeTI mapper as well as the tokens and graph network
         * (true, the paper's one model); false keeps the mapper to what the portraits teach it.
         */
        public Settings withScenePairsTrainMapper(boolean b) {
            return copy(steps, rounds, checkpointEvery, lambda, b, mapper, pushFloor, tokenPull);
        }

        /**
         * L_ct's push on pairs of different characters with a floor m: (1 − y)·max(0, CLIP − m), so pairs
         * already less alike than m are left alone; −1 is no floor, the paper's (1 − y)·CLIP (CLIP ≥ −1).
         */
        public Settings withPushFloor(float m) {
            return copy(steps, rounds, checkpointEvery, lambda, scenePairsTrainMapper, mapper, m, tokenPull);
        }

        /**
         * Whether each token has a NeTI mapper M(t, layer) at all (true, the paper); false is Textual
         * Inversion's one vector per token, at every timestep and layer, and nothing of a mapper is trained.
         */
        public Settings withMapper(boolean b) {
            return copy(steps, rounds, checkpointEvery, lambda, scenePairsTrainMapper, b, pushFloor, tokenPull);
        }

        /**
         * A pull β·‖e_i − c_i‖² (mean over characters) of each token towards its class word: unpulled, a token
         * ends 50 steps far from every word (cosine 0.2–0.3 to its class word), where the text encoder was never
         * trained and a scene painted from it loses the character's likeness; 0 is no pull, the paper's.
         */
        public Settings withTokenPull(float beta) {
            return copy(steps, rounds, checkpointEvery, lambda, scenePairsTrainMapper, mapper, pushFloor, beta);
        }

        /** These settings with the fields the withers change set anew, the others kept. */
        private Settings copy(
                int steps,
                int rounds,
                int checkpointEvery,
                float lambda,
                boolean scenePairsTrainMapper,
                boolean mapper,
                float pushFloor,
                float tokenPull) {
            return new Settings(
                    steps,
                    lr,
                    weightDecay,
                    batch,
                    lambda,
                    delta,
                    rounds,
                    contrastMaxTimestep,
                    checkpointEvery,
                    scenePairsTrainMapper,
                    mapper,
                    pushFloor,
                    tokenPull);
        }

        /** What the trained result depends on: all but steps and checkpointEvery (a longer run continues a shorter one). */
        String trajectory() {
            String t = withSteps(0).withCheckpointEvery(1).toString();
            // states saved before these fields existed (always true then) still resume
            t = t.replace(", mapper=true", "").replace(", pushFloor=-1.0", "").replace(", tokenPull=0.0", "");
            return scenePairsTrainMapper ? t.replace(", scenePairsTrainMapper=true", "") : t;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKENS = "embedding";

    private final Models m;
    private final Settings s;
    private final List<String> ids = new ArrayList<>();
    private final List<String> prompts = new ArrayList<>(); // per character
    private final List<float[]> pixels = new ArrayList<>(); // per character: its portraits, CHW at the UNet's size
    private final int size, width;
    private final long seed;
    private String fingerprint;
    private final List<float[]> pairPixels = new ArrayList<>(); // per pair, CHW at the UNet's scale
    private final List<ScenePair> pairs = new ArrayList<>();
    private int pairHeight, pairWidth;
    private final NDManager root = Engine.getEngine("PyTorch").newBaseManager();
    private final Params tokens;
    private final NDArray classWords; // the tokens' starts, n × width: what the token pull pulls towards
    /** The same as arrays: what stands in for each token in the passes of the other people and the scene. */
    private final float[][] starts;

    private final GraphNetwork graph;
    private final TokenMapper mapper;
    private final Adam adam;
    private final NoiseScheduler noise;
    private long steps, batches;
    private int skipped, skippedInARow;
    private double loss = Double.NaN, lossRec = Double.NaN, lossCt = Double.NaN;

    /**
     * @param weights symmetric interaction weights w_nj between the characters, in their order
     */
    public PersonalizationTrainer(Models m, Settings s, List<Character> characters, float[][] weights, long seed) {
        this(m, s, characters, List.of(), weights, seed);
    }

    /**
     * @param scenePairs accepted scene images with their prompts; all of one size (the generator's
     *                   scene canvas, at the UNet's scale or twice it)
     */
    public PersonalizationTrainer(
            Models m,
            Settings s,
            List<Character> characters,
            List<ScenePair> scenePairs,
            float[][] weights,
            long seed) {
        if (characters.isEmpty()) throw new IllegalArgumentException("no characters to personalise");
        this.m = m;
        this.s = s;
        this.seed = seed;
        this.size = m.unet().config().sampleSize();
        this.width = m.text().config().width();
        if (m.clip().config().imageSize() != size)
            throw new IllegalArgumentException("CLIP reads " + m.clip().config().imageSize()
                    + " px images, the UNet paints " + size + " px: L_ct needs both the same");
        m.text().params().freezeAllExcept(n -> false);
        m.unet().params().freezeAllExcept(n -> false);
        for (var p : m.clip().parts().values()) p.freezeAllExcept(n -> false);
        float[] start = new float[characters.size() * width];
        for (int i = 0; i < characters.size(); i++) {
            Character c = characters.get(i);
            if (c.start().length != width)
                throw new IllegalArgumentException(
                        c.id() + "'s start embedding has " + c.start().length + " numbers, the text encoder " + width);
            if (c.portraits().isEmpty()) throw new IllegalArgumentException(c.id() + " has no portraits");
            ids.add(c.id());
            prompts.add(c.prompt());
            int maxTokens = m.text().config().maxTokens();
            if (m.text().tokenizer().positions(c.prompt(), PLACEHOLDER, maxTokens).length == 0)
                throw new IllegalArgumentException(c.id() + "'s training prompt \"" + c.prompt() + "\" has no "
                        + PLACEHOLDER + " within " + maxTokens + " tokens");
            System.arraycopy(c.start(), 0, start, i * width, width);
            float[] px = new float[c.portraits().size() * 3 * size * size];
            for (int j = 0; j < c.portraits().size(); j++)
                ImageTensors.write(atSize(c.portraits().get(j), size), px, j * 3 * size * size);
            pixels.add(px);
        }
        for (ScenePair p : scenePairs) addPair(p);
        tokens = new Params(root);
        tokens.put(TOKENS, root.create(start, new Shape(characters.size(), width)));
        classWords = root.create(start, new Shape(characters.size(), width));
        starts = characters.stream().map(Character::start).toArray(float[][]::new);
        graph = new GraphNetwork(width, s.rounds(), weights, root);
        mapper = new TokenMapper(
                TokenMapper.Config.of(
                        width, m.unet().crossAttentionLayers(), m.scheduler().trainTimesteps()),
                root,
                seed);
        adam = Adam.adamW(root, s.lr(), s.weightDecay());
        noise = new DdpmScheduler(m.scheduler(), 0); // for addNoise and ᾱ_t only
        fingerprint = fingerprint(s, seed, ids, prompts, start, pixels, weights, pairs, pairPixels);
    }

    /** A scene pair at the UNet's scale: a 2× image is box-filtered, as the generator's upsampler doubled it. */
    private void addPair(ScenePair p) {
        BufferedImage img = p.image();
        int h = img.getHeight(), w = img.getWidth();
        if (h > size) { // painted at 2× by the upsampler
            img = PortraitData.half(img);
            h = img.getHeight();
            w = img.getWidth();
        }
        if (h != size)
            throw new IllegalArgumentException(
                    "a scene pair is " + p.image().getWidth() + "×" + p.image().getHeight()
                            + "; the UNet paints scenes " + size + " px high (or twice that, upsampled)");
        if (!pairs.isEmpty() && (h != pairHeight || w != pairWidth))
            throw new IllegalArgumentException(
                    "scene pairs of different sizes: " + pairWidth + "×" + pairHeight + " and " + w + "×" + h);
        for (String id : p.placeholders().values())
            if (!ids.contains(id))
                throw new IllegalArgumentException("a scene pair names " + id + ", not a character here");
        int maxTokens = m.text().config().maxTokens();
        if (p.placeholders().keySet().stream()
                .allMatch(ph -> m.text().tokenizer().positions(p.prompt(), ph, maxTokens).length == 0))
            throw new IllegalArgumentException("scene pair \"" + p.prompt() + "\" has no placeholder within "
                    + m.text().config().maxTokens() + " tokens");
        pairHeight = h;
        pairWidth = w;
        float[] px = new float[3 * h * w];
        ImageTensors.write(img, px, 0);
        pairs.add(p);
        pairPixels.add(px);
    }

    /**
     * Starts from the weights of another run's {@link #state()} (the previous refine iteration: same
     * characters, new portraits and pairs) with a fresh optimiser. A resumed state of this run
     * ({@link #restore}) takes precedence, so call this first.
     */
    public void warmStart(byte[] state) throws IOException {
        Map<String, byte[]> files = unzip(state);
        loadWeights(files.get("weights.safetensors"));
        fingerprint = sha256(fingerprint + "|" + sha256Bytes(state));
    }

    /** The UNet's input size: a 2× portrait is box-filtered (as training data was), any other size resized. */
    static BufferedImage atSize(BufferedImage img, int size) {
        if (img.getWidth() == 2 * size && img.getHeight() == 2 * size) return PortraitData.half(img);
        return ImageTensors.fit(img, size);
    }

    public long steps() {
        return steps;
    }

    public int skipped() {
        return skipped;
    }

    /** Smoothed total loss, L_rec and L_ct (NaN before the first step). */
    public double[] losses() {
        return new double[] {loss, lossRec, lossCt};
    }

    /** One batch: characters, one portrait each, t and ε, all from (seed, batch number). */
    private record Batch(int[] who, float[] x0, int[] t, float[] eps) {}

    private Batch draw(long number) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + number);
        int n = ids.size(), b = s.batch(), plane = 3 * size * size;
        // several characters, each twice or more: L_ct needs pairs of one character and of two
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        Collections.shuffle(order, r);
        int kinds = Math.min(n, Math.max(1, b / 2));
        int[] who = new int[b], t = new int[b];
        float[] x0 = new float[b * plane], eps = new float[b * plane];
        int[] nextPortrait = new int[n];
        List<List<Integer>> shuffled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> p = new ArrayList<>();
            for (int j = 0; j < pixels.get(i).length / plane; j++) p.add(j);
            Collections.shuffle(p, r);
            shuffled.add(p);
        }
        for (int k = 0; k < b; k++) {
            int c = order.get(k % kinds);
            who[k] = c;
            List<Integer> p = shuffled.get(c);
            int j = p.get(nextPortrait[c]++ % p.size()); // distinct portraits while they last
            System.arraycopy(pixels.get(c), j * plane, x0, k * plane, plane);
            t[k] = r.nextInt(noise.trainTimesteps());
        }
        for (int i = 0; i < eps.length; i++) eps[i] = (float) r.nextGaussian();
        return new Batch(who, x0, t, eps);
    }

    /** One step; the loss, or NaN when the batch was skipped for a non-finite loss or gradients. */
    public double trainStep() {
        if (!pairs.isEmpty() && batches % PAIR_EVERY == PAIR_EVERY - 1) return pairStep(batches++);
        Batch bt = draw(batches++);
        int b = s.batch(), maxTokens = m.text().config().maxTokens();
        int n = ids.size();
        float[] placement = new float[b * maxTokens * n];
        List<String> rowPrompts = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            String prompt = prompts.get(bt.who()[k]);
            rowPrompts.add(prompt);
            for (int p : m.text().tokenizer().positions(prompt, PLACEHOLDER, maxTokens))
                placement[(k * maxTokens + p) * n + bt.who()[k]] = 1f;
        }
        float[] tf = new float[b], keep = new float[b], drop = new float[b];
        boolean[] use = new boolean[b];
        for (int k = 0; k < b; k++) {
            tf[k] = bt.t()[k];
            use[k] = bt.t()[k] <= s.contrastMaxTimestep();
            double ab = noise.schedule().alphaBar(bt.t()[k]);
            keep[k] = use[k] ? (float) (1 / Math.sqrt(ab)) : 1f; // unused rows: x̂0 := x_t, finite and ignored
            drop[k] = use[k] ? (float) Math.sqrt((1 - ab) / ab) : 0f;
        }
        NDArray[] parts = new NDArray[2];
        try (NDManager scope = root.newSubManager()) {
            for (Params p : frozenAndTrained()) p.attachTo(scope);
            Shape img = new Shape(b, 3, size, size);
            NDArray x0 = scope.create(bt.x0(), img), eps = scope.create(bt.eps(), img);
            NDArray tokenIds = m.text().tokenIds(scope, rowPrompts);
            NDArray place = scope.create(placement, new Shape(b, maxTokens, n));
            NonFiniteGuard.Outcome o = NonFiniteGuard.backward(
                    () -> {
                        NDArray learned = graph.forward(tokens.get(TOKENS));
                        var cond = new TokenConditioning(m.text(), tokenIds, place, learned, usedMapper(), null);
                        NDArray xt = noise.addNoise(x0, eps, bt.t());
                        NDArray epsHat = m.unet().forward(xt, tf, cond);
                        parts[0] = Nn.mse(epsHat, eps);
                        parts[1] = scope.zeros(new Shape());
                        if (s.lambda() > 0) {
                            Shape per = new Shape(b, 1, 1, 1);
                            NDArray x0Hat = xt.mul(scope.create(keep, per))
                                    .sub(epsHat.mul(scope.create(drop, per)))
                                    .clip(-1f, 1f);
                            parts[1] = ContrastLoss.of(
                                    m.clip().embedImages(x0Hat), bt.who(), use, s.delta(), s.pushFloor());
                        }
                        return withPull(parts[0].add(Nn.scale(parts[1], s.lambda())), learned); // Nn.scale: see there
                    },
                    trained(s.mapper()));
            if (!apply(o, s.mapper())) return Double.NaN;
            lossRec = smooth(lossRec, parts[0].getFloat());
            lossCt = smooth(lossCt, parts[1].getFloat());
            return o.loss();
        }
    }

    /** A batch of scene pairs (L_rec only), drawn from (seed, batch number) like the portrait batches. */
    private double pairStep(long number) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + number);
        int b = Math.min(s.batch(), pairs.size()),
                n = ids.size(),
                maxTokens = m.text().config().maxTokens();
        int plane = 3 * pairHeight * pairWidth;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) order.add(i);
        Collections.shuffle(order, r);
        float[] x0 = new float[b * plane], eps = new float[b * plane], tf = new float[b];
        int[] t = new int[b];
        float[] placement = new float[b * maxTokens * n];
        List<String> prompts = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            ScenePair p = pairs.get(order.get(k));
            System.arraycopy(pairPixels.get(order.get(k)), 0, x0, k * plane, plane);
            t[k] = r.nextInt(noise.trainTimesteps());
            tf[k] = t[k];
            prompts.add(p.prompt());
            for (var e : new java.util.TreeMap<>(p.placeholders()).entrySet()) {
                int who = ids.indexOf(e.getValue());
                for (int at : m.text().tokenizer().positions(p.prompt(), e.getKey(), maxTokens))
                    placement[(k * maxTokens + at) * n + who] = 1f;
            }
        }
        for (int i = 0; i < eps.length; i++) eps[i] = (float) r.nextGaussian();
        try (NDManager scope = root.newSubManager()) {
            for (Params p : frozenAndTrained()) p.attachTo(scope);
            Shape img = new Shape(b, 3, pairHeight, pairWidth);
            NDArray x = scope.create(x0, img), e = scope.create(eps, img);
            NDArray tokenIds = m.text().tokenIds(scope, prompts);
            NDArray place = scope.create(placement, new Shape(b, maxTokens, n));
            RegionMask regions = m.regionalScenes() ? RegionMask.of(m.text().tokenizer(), prompts, maxTokens) : null;
            boolean withMapper = s.mapper() && s.scenePairsTrainMapper();
            float[][] standIn = starts; // each token's own class word, as painted scenes read it
            NonFiniteGuard.Outcome o = NonFiniteGuard.backward(
                    () -> {
                        NDArray learned = graph.forward(tokens.get(TOKENS));
                        TokenConditioning tc = new TokenConditioning(
                                m.text(), tokenIds, place, learned, usedMapper(), null, !withMapper);
                        // painted scenes read each token only within its person's words: so do the pairs
                        Conditioning cond =
                                Conditioning.withRegions(regions == null ? tc : tc.isolated(regions, standIn), regions);
                        return withPull(Nn.mse(m.unet().forward(noise.addNoise(x, e, t), tf, cond), e), learned);
                    },
                    trained(withMapper));
            if (!apply(o, withMapper)) return Double.NaN;
            lossRec = smooth(lossRec, o.loss());
            return o.loss();
        }
    }

    /** loss + β·mean_i ‖e_i − c_i‖², each learned token's squared distance to its class word; loss itself at β = 0. */
    private NDArray withPull(NDArray loss, NDArray learned) {
        if (s.tokenPull() == 0) return loss;
        NDArray apart = learned.sub(classWords);
        return loss.add(Nn.scale(apart.square().sum(), s.tokenPull() / ids.size()));
    }

    /** The mapper the conditioning applies: none when the settings have no mapper (Textual Inversion). */
    private TokenMapper usedMapper() {
        return s.mapper() ? mapper : null;
    }

    /** What takes the optimiser's step: the tokens and graph network, and the mapper with them or not. */
    private Params[] trained(boolean withMapper) {
        return withMapper
                ? new Params[] {tokens, graph.params(), mapper.params()}
                : new Params[] {tokens, graph.params()};
    }

    /** The same; without the mapper, only the tokens and the graph network take the step. */
    private boolean apply(NonFiniteGuard.Outcome o, boolean withMapper) {
        if (!o.applicable()) {
            skipped++;
            if (++skippedInARow >= 10)
                throw new IllegalStateException(
                        "personalisation: 10 batches in a row gave non-finite losses or gradients");
            return false;
        }
        skippedInARow = 0;
        if (withMapper) adam.step(tokens, graph.params(), mapper.params());
        else adam.step(tokens, graph.params());
        steps++;
        loss = smooth(loss, o.loss());
        return true;
    }

    private static double smooth(double avg, double v) {
        return Double.isNaN(avg) ? v : 0.95 * avg + 0.05 * v;
    }

    private List<Params> frozenAndTrained() {
        List<Params> all = new ArrayList<>(List.of(tokens, graph.params(), mapper.params()));
        all.add(m.text().params());
        all.add(m.unet().params());
        all.addAll(m.clip().parts().values());
        return all;
    }

    /** The graph network's output per character: what stands for its token in prompts. */
    public Map<String, float[]> learnedTokens() {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (lemon.mini.models.NoGrad g = lemon.mini.models.NoGrad.enter();
                NDManager scope = root.newSubManager()) {
            tokens.attachTo(scope);
            graph.params().attachTo(scope);
            float[] e = graph.forward(tokens.get(TOKENS)).toFloatArray();
            for (int i = 0; i < ids.size(); i++)
                out.put(ids.get(i), java.util.Arrays.copyOfRange(e, i * width, (i + 1) * width));
        }
        return out;
    }

    /** The mapper's bytes ({@link TokenMapper#toBytes}). */
    public byte[] mapperBytes() {
        return MapperFiles.toBytes(mapper);
    }

    /** This trainer as the shared {@link TrainingLoop} drives it, saving its state to {@code sink}. */
    public TrainingLoop.Trainer inLoop(Checkpoints sink) {
        return new TrainingLoop.Trainer() {
            @Override
            public long step() {
                return steps;
            }

            @Override
            public float baseRate() {
                return s.lr();
            }

            @Override
            public double trainStep(float rate) {
                adam.setRate(rate);
                return PersonalizationTrainer.this.trainStep();
            }

            @Override
            public boolean checkpoint(double lossEma) throws IOException {
                if (!WorkCheckpoints.allFinite(root, tokens, graph.params(), mapper.params())) {
                    // the guard keeps non-finite gradients out, so this is divergence: keep the last good state
                    throw new IllegalStateException("personalisation diverged: non-finite weights at step " + steps
                            + "; the last saved state is kept");
                }
                sink.save(state());
                return true;
            }

            @Override
            public String skipped() {
                return "non-finite loss or gradients at step " + steps + ": batch skipped (" + skipped + " so far)";
            }
        };
    }

    /** Everything a resumed run needs: trained weights, AdamW's moments, counters, and what they were trained on. */
    public byte[] state() throws IOException {
        Map<String, Safetensors.Tensor> weights = new LinkedHashMap<>();
        for (var e : trainedParams().entrySet()) {
            for (var w : e.getValue().all().entrySet()) {
                weights.put(
                        e.getKey() + w.getKey(),
                        new Safetensors.Tensor(
                                w.getValue().getShape().getShape(), w.getValue().toFloatArray()));
            }
        }
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("fingerprint", fingerprint);
        counters.put("steps", steps);
        counters.put("batches", batches);
        counters.put("skipped", skipped);
        counters.put(
                "losses",
                List.of(loss, lossRec, lossCt).stream().map(String::valueOf).toList());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            zip.putNextEntry(entry("state.json"));
            zip.write(JSON.writeValueAsBytes(counters));
            zip.putNextEntry(entry("weights.safetensors"));
            Safetensors.write(zip, weights, "F32", null);
            zip.putNextEntry(entry(Adam.STATE_FILE));
            adam.save(zip);
        }
        return buf.toByteArray();
    }

    /** An entry dated 1980-01-01 (zip's first day), not now: the same state gives the same bytes and sha256. */
    private static ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
        return e;
    }

    /**
     * Continues from a {@link #state()}; false (nothing changed) when it was saved by a run on other
     * characters, portraits, graph, seed or settings, which a new run must not continue.
     */
    @SuppressWarnings("unchecked")
    public boolean restore(byte[] state) throws IOException {
        Map<String, byte[]> files = unzip(state);
        Map<String, Object> counters = JSON.readValue(files.get("state.json"), Map.class);
        if (!fingerprint.equals(counters.get("fingerprint"))) return false;
        loadWeights(files.get("weights.safetensors"));
        adam.load(files.get(Adam.STATE_FILE));
        steps = ((Number) counters.get("steps")).longValue();
        batches = ((Number) counters.get("batches")).longValue();
        skipped = ((Number) counters.get("skipped")).intValue();
        List<String> l = (List<String>) counters.get("losses");
        loss = Double.parseDouble(l.get(0));
        lossRec = Double.parseDouble(l.get(1));
        lossCt = Double.parseDouble(l.get(2));
        return true;
    }

    private static Map<String, byte[]> unzip(byte[] state) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(state))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) files.put(e.getName(), zip.readAllBytes());
        }
        if (!files.keySet().containsAll(List.of("state.json", "weights.safetensors", Adam.STATE_FILE)))
            throw new IOException("not a personalisation state: " + files.keySet());
        return files;
    }

    /**
     * What trains, by the prefix its weights are saved under, in one fixed order: {@code Map.of} iterates in an
     * order drawn anew by each JVM, and a state saved in another process must have the same bytes.
     */
    private Map<String, Params> trainedParams() {
        Map<String, Params> out = new LinkedHashMap<>();
        out.put("tokens/", tokens);
        out.put("graph/", graph.params());
        out.put("mapper/", mapper.params());
        return out;
    }

    private void loadWeights(byte[] safetensors) throws IOException {
        try (Safetensors st = Safetensors.open(safetensors, "personalisation weights")) {
            for (var e : trainedParams().entrySet()) {
                for (String name : List.copyOf(e.getValue().all().keySet())) {
                    Safetensors.Tensor t = st.read(e.getKey() + name);
                    e.getValue().load(name, t.shape(), t.data());
                }
            }
        }
    }

    private static String fingerprint(
            Settings s,
            long seed,
            List<String> ids,
            List<String> prompts,
            float[] start,
            List<float[]> pixels,
            float[][] weights,
            List<ScenePair> pairs,
            List<float[]> pairPixels) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((s.trajectory() + "|" + seed + "|" + ids).getBytes(StandardCharsets.UTF_8));
            // the default prompt adds nothing, so states saved before prompts could differ still resume
            if (prompts.stream().anyMatch(p -> !p.equals(PROMPT)))
                d.update(("|" + prompts).getBytes(StandardCharsets.UTF_8));
            update(d, start);
            for (float[] p : pixels) update(d, p);
            for (float[] w : weights) update(d, w);
            for (int i = 0; i < pairs.size(); i++) {
                d.update((pairs.get(i).prompt() + "|"
                                + new java.util.TreeMap<>(pairs.get(i).placeholders()))
                        .getBytes(StandardCharsets.UTF_8));
                update(d, pairPixels.get(i));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return sha256Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Bytes(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest d, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        b.asFloatBuffer().put(values);
        d.update(b.array());
    }

    @Override
    public void close() {
        adam.close();
        mapper.close();
        graph.close();
        tokens.close();
        root.close();
    }
}
