package lemon.mini.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.DiffusionConfigs;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniClip;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.models.UNetConfig;
import lemon.mini.render.Sample;
import lemon.mini.schedulers.DdpmScheduler;
import lemon.mini.schedulers.SchedulerConfig;

/**
 * Trains a {@link MiniTextEncoder} and a pixel-space {@link MiniUNet} together on rendered
 * portraits and their captions (DDPM ε-prediction, cosine schedule, caption dropout for
 * classifier-free guidance, Adam, EMA of both models).
 *
 * <p>The work directory holds {@code text/}, {@code unet/} (raw weights) and {@code ema-text/},
 * {@code ema-unet/} (averaged weights, what sampling uses), each a checksummed {@link Checkpoint};
 * the UNet manifest carries the step count and the data cursor, so a resumed run continues both.
 * {@code optimizer/} holds Adam's moments and the noise generator, so a resumed run is the
 * uninterrupted one exactly (work directories without it resume with a fresh Adam).
 *
 * <p>NaN guard: a batch with a non-finite loss or non-finite gradients is skipped ({@link DdpmTrainer}); if the weights themselves went bad, or three batches in a row fail, the run rolls back to the last checkpoint (fresh Adam, a
 * different noise seed) instead of letting NaN weights spread through EMA and later checkpoints.
 */
public final class PortraitDiffusionTrainer implements AutoCloseable {
    /**
     * Hyper-parameters; {@link #standard()} is what the committed weights were trained with.
     *
     * @param text the text encoder to train from scratch, or null to use the committed CLIP-mini's
     *             text tower, frozen (SD's recipe: a contrastively trained text encoder whose
     *             states already separate hair, clothing and gender words, so the UNet only has to
     *             learn to draw them)
     */
    public record Settings(
            TextEncoderConfig text,
            UNetConfig unet,
            int batch,
            float lr,
            float emaDecay,
            float captionDropout,
            long dataSeed,
            int vocabCaptions,
            int sceneEvery,
            int sceneWidth,
            int sceneHeight,
            float descriptionCaptions,
            float describedPortraits,
            boolean regionalAttention) {
        /** Portraits only, template captions: what trained the committed weights. */
        public Settings(
                TextEncoderConfig text,
                UNetConfig unet,
                int batch,
                float lr,
                float emaDecay,
                float captionDropout,
                long dataSeed,
                int vocabCaptions) {
            this(text, unet, batch, lr, emaDecay, captionDropout, dataSeed, vocabCaptions, 0, 0, 0, 0f, 0f, false);
        }

        public static Settings standard() {
            return new Settings(null, DiffusionConfigs.unet(), 32, 8e-4f, 0.995f, 0.1f, 7, 3000);
        }

        /**
         * The retraining for issues 9 and 14: every {@code every}-th batch is scenes of 1–3 people on
         * a {@code 2·size × size} canvas (the UNet is convolutional, attention reads any H×W), and a
         * {@code fraction} of portrait captions is in the description register, compacted as the
         * pipeline compacts descriptions.
         */
        public Settings withScenesAndDescriptions(int every, float fraction) {
            return withData(
                    every, 2 * unet.sampleSize(), unet.sampleSize(), fraction, describedPortraits, regionalAttention);
        }

        /**
         * A {@code fraction} of portraits painted from fresh C.D.-register descriptions instead
         * ({@link DescribedPortraits}: the character has what the description states), on top of
         * the synthetic description-register captions; the rest keep template captions.
         */
        public Settings withDescribedPortraits(float fraction) {
            return withData(sceneEvery, sceneWidth, sceneHeight, descriptionCaptions, fraction, regionalAttention);
        }

        /**
         * Scenes learned with regional cross-attention ({@link lemon.mini.models.RegionMask}): each
         * person's caption words are read only by that person's column.
         */
        public Settings withRegionalAttention() {
            return withData(sceneEvery, sceneWidth, sceneHeight, descriptionCaptions, describedPortraits, true);
        }

        /** These settings with another data mix (the model and optimiser settings kept). */
        private Settings withData(
                int every, int width, int height, float descriptions, float described, boolean regional) {
            return new Settings(
                    text,
                    unet,
                    batch,
                    lr,
                    emaDecay,
                    captionDropout,
                    dataSeed,
                    vocabCaptions,
                    every,
                    width,
                    height,
                    descriptions,
                    described,
                    regional);
        }

        /** What the exported generator says it was trained for. */
        public lemon.mini.pipelines.GeneratorConfig generatorConfig() {
            boolean described = descriptionCaptions > 0 || describedPortraits > 0;
            return sceneEvery > 0 || described
                    ? new lemon.mini.pipelines.GeneratorConfig(
                            sceneEvery > 0 ? sceneWidth : 0,
                            sceneEvery > 0 ? sceneHeight : 0,
                            described,
                            regionalAttention)
                    : lemon.mini.pipelines.GeneratorConfig.PORTRAITS_ONLY;
        }

        /** 8×8 images, batch 4, a tiny text encoder trained along: for tests. */
        public static Settings tiny() {
            return new Settings(
                    DiffusionConfigs.tinyText(), DiffusionConfigs.tinyUnet(8), 4, 2e-3f, 0.9f, 0.1f, 7, 200);
        }

        int size() {
            return unet.sampleSize();
        }
    }

    /** Written with the weights ({@link SchedulerConfig#writeTo}), so sampling reads it instead of assuming it. */
    public static final SchedulerConfig SCHEDULER = SchedulerConfig.portrait();

    private static final String OPTIMIZER = "optimizer";

    private final Settings s;
    private final Path work;
    private final NDManager root = Engine.getEngine("PyTorch").newBaseManager();
    private final Prefetcher<Batch> data = new Prefetcher<>("portrait-render", from -> render((int) from));
    private MiniTextEncoder text;
    private MiniUNet unet;
    private DdpmTrainer ddpm;
    private long steps;
    private int cursor;
    /** The exported generator's metric naming the data index its training reached ({@link #warmStartFrom}). */
    static final String DATA_CURSOR = "data_cursor";

    private int rollbacks, skipped, skippedInARow;

    private record Batch(float[] pixels, int height, int width, List<String> captions, int cursorAfter) {}

    /** Opens the run in {@code work}: resumes from its checkpoint if {@code resume} and one exists. */
    public PortraitDiffusionTrainer(Settings s, Path work, boolean resume) throws IOException {
        this(s, work, resume, null);
    }

    /** As above; {@code clipDir} is the CLIP-mini whose text tower to use (null: the committed one). */
    public PortraitDiffusionTrainer(Settings s, Path work, boolean resume, Path clipDir) throws IOException {
        this.s = s;
        this.work = work;
        Files.createDirectories(work);
        if (resume && Files.exists(work.resolve("unet").resolve(ModelManifest.FILE))) {
            openFromCheckpoint(true);
        } else {
            if (s.text() == null) {
                text = clipTextEncoder(clipDir != null ? clipDir : MiniWeights.clipDir(), root);
            } else {
                CaptionTokenizer tok = CaptionTokenizer.fromCaptions(
                        PortraitData.trainCaptions(s.dataSeed(), s.vocabCaptions()),
                        s.text().vocabSize());
                text = new MiniTextEncoder(s.text(), tok, root, 11);
            }
            if (text.config().width() != s.unet().contextDim()) {
                throw new IllegalArgumentException("UNet contextDim " + s.unet().contextDim() + " ≠ text width "
                        + text.config().width());
            }
            unet = new MiniUNet(s.unet(), root, 12);
            startOptimisers(0);
            save();
        }
    }

    /**
     * Starts the UNet from a trained generator's weights instead of random ones (a fine-tune: the
     * retraining with scenes builds on the committed portrait model). Only before the first step;
     * the EMA copies restart from the loaded weights.
     */
    public void warmStartFrom(Path generatorDir) throws IOException {
        if (steps != 0) throw new IllegalStateException("a warm start comes before the first step, not at " + steps);
        Checkpoint.load(generatorDir.resolve("unet"), unet);
        cursor = warmStartCursor(ModelManifest.read(generatorDir.resolve("unet")), s.batch());
        ddpm.close();
        startOptimisers(0);
        save();
    }

    /**
     * Where a warm start's data begins: after the samples the generator already saw, so a second
     * fine-tune learns from fresh pictures and descriptions instead of repeating the first one's.
     * A generator exported before the cursor was recorded saw about steps × batch samples.
     */
    static int warmStartCursor(ModelManifest generatorUnet, int batch) {
        Double seen = generatorUnet.metrics().get(DATA_CURSOR);
        return seen != null ? seen.intValue() : Math.toIntExact(generatorUnet.steps() * batch);
    }

    /** {@code exact}: continue the optimiser and noise too (a resume); a rollback restarts both on purpose. */
    private void openFromCheckpoint(boolean exact) throws IOException {
        CaptionTokenizer tok = CaptionTokenizer.load(work.resolve("text").resolve("tokenizer.json"));
        text = new MiniTextEncoder(
                ModelManifest.read(work.resolve("text")).config(TextEncoderConfig.class), tok, root, 11);
        unet = new MiniUNet(s.unet(), root, 12);
        if (s.text() == null) text.params().freezeAllExcept(n -> false);
        // The EMA copies are taken from whatever the models hold when the optimisers start, so
        // load the averaged weights first, start the optimisers, then load the raw weights.
        Checkpoint.load(work.resolve("ema-text"), text);
        Checkpoint.load(work.resolve("ema-unet"), unet);
        ModelManifest m = ModelManifest.read(work.resolve("unet"));
        startOptimisers(m.steps() + 1000L * rollbacks);
        if (exact) ddpm.loadState(work.resolve(OPTIMIZER));
        Checkpoint.load(work.resolve("text"), text);
        Checkpoint.load(work.resolve("unet"), unet);
        steps = m.steps();
        cursor = m.metrics().getOrDefault("cursor", 0.0).intValue();
    }

    /** The text tower of a CLIP-mini checkpoint as a frozen text encoder. */
    static MiniTextEncoder clipTextEncoder(Path clipDir, NDManager root) throws IOException {
        ClipConfig cfg = Checkpoint.verify(clipDir).config(ClipConfig.class);
        CaptionTokenizer tok = CaptionTokenizer.load(clipDir.resolve("tokenizer.json"));
        MiniTextEncoder text = new MiniTextEncoder(cfg.text(), tok, root, 0);
        try (MiniClip clip = new MiniClip(cfg, tok, root, 0)) {
            Checkpoint.load(clipDir, clip);
            for (var e : clip.textEncoder().params().all().entrySet()) {
                NDArray w = e.getValue();
                text.params().load(e.getKey(), w.getShape().getShape(), w.toFloatArray());
            }
        }
        text.params().freezeAllExcept(n -> false);
        return text;
    }

    private void startOptimisers(long noiseSeed) {
        ddpm = new DdpmTrainer(
                        unet,
                        text,
                        new DdpmScheduler(SCHEDULER, noiseSeed),
                        s.lr(),
                        s.emaDecay(),
                        s.captionDropout(),
                        1000 + noiseSeed)
                .regional(s.regionalAttention());
    }

    public long steps() {
        return steps;
    }

    /** How many batches gave a non-finite loss or non-finite gradients and were skipped. */
    public int skipped() {
        return skipped;
    }

    /** How often repeated NaN losses made the run roll back to its last checkpoint. */
    public int rollbacks() {
        return rollbacks;
    }

    public MiniTextEncoder textEncoder() {
        return text;
    }

    public MiniUNet unet() {
        return unet;
    }

    /** One optimisation step on the next batch at the settings' rate; returns the loss (NaN if skipped). */
    public float step() throws IOException {
        return step(s.lr());
    }

    /** One optimisation step on the next batch at learning rate {@code rate}; returns the loss (NaN if skipped). */
    public float step(float rate) throws IOException {
        Batch b = nextBatch();
        ddpm.setRate(rate);
        float loss;
        try (NDManager bm = root.newSubManager()) {
            NDArray x0 = bm.create(b.pixels(), new Shape(b.captions().size(), 3, b.height(), b.width()));
            loss = ddpm.step(x0, b.captions());
        }
        cursor = b.cursorAfter();
        if (!Float.isFinite(loss)) {
            skipped++;
            boolean finite = finiteWeights();
            System.err.printf(
                    "%nnon-finite loss or gradients at step %d: batch skipped (%d so far); weights %s%n",
                    steps, skipped, finite ? "finite" : "NOT finite");
            if (!finite || ++skippedInARow >= 3) { // the weights themselves went bad: roll back
                rollbacks++;
                System.err.printf("rolling back to the last checkpoint (%d so far)%n", rollbacks);
                closeModels();
                openFromCheckpoint(false);
                skippedInARow = 0;
            }
            return Float.NaN;
        }
        skippedInARow = 0;
        steps++;
        return loss;
    }

    /** This trainer as the shared {@link TrainingLoop} drives it. */
    public TrainingLoop.Trainer inLoop() {
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
            public double trainStep(float rate) throws IOException {
                return PortraitDiffusionTrainer.this.step(rate);
            }

            @Override
            public boolean checkpoint(double lossEma) throws IOException {
                save(); // a bad batch never reaches the weights here: step() rolls back first
                return true;
            }

            @Override
            public String skipped() {
                return "non-finite loss or gradients at step " + steps + ": batch skipped (" + skipped + " so far, "
                        + rollbacks + " rollbacks)";
            }
        };
    }

    /**
     * Trains n more steps on the shared {@link TrainingLoop} at one rate (or until {@code deadlineNanos}, a
     * System.nanoTime() value; 0 = none), checkpointing every {@code saveEvery} steps and at the end;
     * the loss log and curves go to {@code curvesDir} (null: none), progress to {@code out} (null: none).
     * Returns the steps done.
     */
    public long train(
            int n, int saveEvery, long deadlineNanos, LossCurves curves, Path curvesDir, java.io.PrintStream out)
            throws IOException {
        TrainingLoop.Plan plan = new TrainingLoop.Plan(
                "diffusion", steps + n, saveEvery, deadlineNanos, 0.98, curvesDir, LearningRate.CONSTANT);
        return TrainingLoop.run(
                        inLoop(),
                        plan,
                        curves,
                        out != null ? out : new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .steps();
    }

    /** Writes raw and EMA checkpoints of both models into the work directory. */
    public void save() throws IOException {
        Map<String, Double> metrics =
                Map.of("cursor", (double) cursor, "rollbacks", (double) rollbacks, "skipped", (double) skipped);
        Checkpoint.save(work.resolve("text"), "portrait-text", text, steps, s.dataSeed(), metrics);
        Checkpoint.save(work.resolve("unet"), "portrait-unet", unet, steps, s.dataSeed(), metrics);
        exportEma(work, metrics);
        ddpm.saveState(work.resolve(OPTIMIZER));
        SCHEDULER.writeTo(work);
    }

    /** Writes the EMA weights as {@code dir/ema-text} and {@code dir/ema-unet}. */
    private void exportEma(Path dir, Map<String, Double> given) throws IOException {
        Map<String, Double> metrics = new java.util.LinkedHashMap<>(given);
        metrics.put(DATA_CURSOR, (double) cursor);
        try (MiniTextEncoder t = new MiniTextEncoder(text.config(), text.tokenizer(), root, 0);
                MiniUNet u = new MiniUNet(s.unet(), root, 0)) {
            if (ddpm.textEma() != null) ddpm.textEma().copyInto(t.params());
            else copy(text, t); // frozen: nothing averaged
            ddpm.ema().copyInto(u.params());
            Checkpoint.save(dir.resolve("ema-text"), "portrait-text-ema", t, steps, s.dataSeed(), metrics);
            Checkpoint.save(dir.resolve("ema-unet"), "portrait-unet-ema", u, steps, s.dataSeed(), metrics);
        }
    }

    /**
     * Exports the EMA weights as a generator checkpoint: {@code out/text} and {@code out/unet}
     * (what {@link PortraitPipeline} loads), with the given metrics in both manifests.
     */
    public void exportGenerator(Path out, Map<String, Double> metrics) throws IOException {
        Path tmp = Files.createTempDirectory(work, "export");
        exportEma(tmp, metrics);
        for (String[] m : new String[][] {{"ema-text", "text"}, {"ema-unet", "unet"}}) {
            Path dst = out.resolve(m[1]);
            Files.createDirectories(dst);
            try (var files = Files.list(tmp.resolve(m[0]))) {
                for (Path f : (Iterable<Path>) files::iterator)
                    Files.move(f, dst.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(tmp.resolve(m[0]));
        }
        SCHEDULER.writeTo(out);
        if (s.generatorConfig().equals(lemon.mini.pipelines.GeneratorConfig.PORTRAITS_ONLY))
            Files.deleteIfExists(out.resolve(lemon.mini.pipelines.GeneratorConfig.FILE));
        else s.generatorConfig().writeTo(out);
        Files.delete(tmp);
    }

    private static void copy(MiniTextEncoder from, MiniTextEncoder to) {
        for (var e : from.params().all().entrySet()) {
            to.params()
                    .load(
                            e.getKey(),
                            e.getValue().getShape().getShape(),
                            e.getValue().toFloatArray());
        }
    }

    private boolean finiteWeights() {
        for (var p : List.of(unet.params(), text.params())) {
            for (NDArray w : p.all().values()) {
                for (float v : w.toFloatArray()) if (!Float.isFinite(v)) return false;
            }
        }
        return true;
    }

    private Batch nextBatch() {
        return data.take(cursor, Batch::cursorAfter); // renders the following batch ahead
    }

    /**
     * Renders one batch starting at data index {@code from}: portraits, or (when scenes are on and
     * {@link #isSceneBatch} says so) scenes on the wide canvas. The kind, the captions' register and
     * the pixels depend only on {@code from}, so a resumed run sees the straight run's batches.
     */
    private Batch render(int from) {
        int size = s.size(), n = s.batch();
        boolean scenes = isSceneBatch(from);
        int h = size, w = scenes ? s.sceneWidth() : size;
        float[] px = new float[n * 3 * h * w];
        List<String> caps = new ArrayList<>();
        int i = from;
        for (int j = 0; j < n; j++, i++) {
            i = PortraitData.nextTrainIndex(i);
            Sample smp = scenes
                    ? PortraitData.scene(s.dataSeed(), i, 2 * s.sceneWidth(), 2 * s.sceneHeight())
                    : PortraitData.portrait(s.dataSeed(), i, 2 * size);
            java.awt.image.BufferedImage image = smp.image();
            String caption = smp.caption();
            if (!scenes && (s.descriptionCaptions() > 0 || s.describedPortraits() > 0)) {
                java.util.Random r = new java.util.Random(s.dataSeed() * 1_000_003L + i);
                float u = r.nextFloat();
                if (u < s.descriptionCaptions())
                    caption = compacted(lemon.mini.render.Captions.descriptionCaption(smp.attributes(), r));
                else if (u < s.descriptionCaptions() + s.describedPortraits()) {
                    DescribedPortraits.Described d = DescribedPortraits.draw(r);
                    image = lemon.mini.render.PortraitRenderer.render(d.attributes(), smp.seed(), 2 * size);
                    caption = compacted(d.description());
                }
            }
            ImageTensors.write(PortraitData.half(image), px, j * 3 * h * w);
            caps.add(caption);
        }
        return new Batch(px, h, w, caps, i);
    }

    /** Every sceneEvery-th block of batch-size indices is a scene batch. */
    private boolean isSceneBatch(int from) {
        return s.sceneEvery() > 0 && (from / s.batch()) % s.sceneEvery() == s.sceneEvery() - 1;
    }

    /** A description-register caption as the pipeline will read such text (normalised, compacted to the window). */
    private String compacted(String description) {
        CaptionTokenizer tok = text.tokenizer();
        java.util.function.Predicate<String> known = x -> tok.id(x) != CaptionTokenizer.UNK_ID;
        return lemon.mini.pipelines.DescriptionWords.compact(
                tok.words(lemon.mini.pipelines.DescriptionWords.normalise(description, known)),
                known,
                text.config().maxTokens() - 2);
    }

    private void closeModels() {
        data.drain();
        ddpm.close();
        text.close();
        unet.close();
    }

    @Override
    public void close() {
        closeModels();
        data.close();
        root.close();
    }
}
