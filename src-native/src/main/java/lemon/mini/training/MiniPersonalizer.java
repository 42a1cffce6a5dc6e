package lemon.mini.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.MiniClip;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.pipelines.DescriptionWords;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.mini.pipelines.PromptWindow;
import lemon.mini.render.DescriptionAttributes;
import lemon.port.Checkpoints;
import lemon.port.ImageGenerator.LearnedToken;
import lemon.port.Personalizer;
import lemon.story.InteractionGraph;

/**
 * The Personalizer port over lemon-mini: {@link PersonalizationTrainer} on the bundled diffusion
 * model and CLIP-mini, driven by the shared {@link TrainingLoop}, its state saved through the
 * stage's {@link Checkpoints} (a retried task continues; a state from other inputs is ignored).
 *
 * <p>The result's token per character is the graph network's output; every token names the one
 * mapper of the run, {@code mapper-<sha256 prefix>.safetensors} in the result's blobs (named by its
 * content, so the same training gives the same key). A stage stores the blobs under their keys and
 * paints with {@code generator.withMappers(key -> its stored bytes)}.
 */
public final class MiniPersonalizer implements Personalizer {
    private final PersonalizationTrainer.Settings settings;
    private final PrintStream progress;
    private final Personalizer.Anchor anchorWords;
    private PersonalizationTrainer.Models models;

    /** The bundled models (loaded on first use), default settings, progress on stderr. */
    public MiniPersonalizer() {
        this(PersonalizationTrainer.Settings.DEFAULT, System.err);
    }

    public MiniPersonalizer(PersonalizationTrainer.Settings settings, PrintStream progress) {
        this(settings, null, Personalizer.Anchor.WORLD, progress);
    }

    public MiniPersonalizer(
            PersonalizationTrainer.Settings settings, Personalizer.Anchor anchorWords, PrintStream progress) {
        this(settings, null, anchorWords, progress);
    }

    /** Over the given frozen models (tests use small ones), world-word anchors. */
    public MiniPersonalizer(
            PersonalizationTrainer.Settings settings, PersonalizationTrainer.Models models, PrintStream progress) {
        this(settings, models, Personalizer.Anchor.WORLD, progress);
    }

    public MiniPersonalizer(
            PersonalizationTrainer.Settings settings,
            PersonalizationTrainer.Models models,
            Personalizer.Anchor anchorWords,
            PrintStream progress) {
        this.settings = settings;
        this.models = models;
        this.anchorWords = anchorWords;
        this.progress = progress;
    }

    private synchronized PersonalizationTrainer.Models models() {
        if (models == null) {
            try {
                PortraitPipeline p = PortraitPipeline.loadDefault(); // kept open: its models are what we train against
                models = new PersonalizationTrainer.Models(
                        p.textEncoder(),
                        p.unet(),
                        p.schedulerConfig(),
                        loadClip(MiniWeights.clipDir()),
                        p.generatorConfig().regionalAttention());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the lemon-mini models: " + e.getMessage(), e);
            }
        }
        return models;
    }

    static MiniClip loadClip(Path dir) throws IOException {
        ModelManifest mf = Checkpoint.verify(dir);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        MiniClip clip = new MiniClip(
                mf.config(ClipConfig.class), CaptionTokenizer.load(dir.resolve("tokenizer.json")), manager, 0);
        Checkpoint.load(dir, clip);
        return clip;
    }

    @Override
    public String name() {
        var s = settings;
        return String.format(
                Locale.ROOT,
                "lemon-mini-personalizer (graph network L=%d, %s, L_rec + %.3g·L_ct with δ=%.2f%s, AdamW lr %.3g, "
                        + "%d steps of %d portraits, %s anchors)",
                s.rounds(),
                s.mapper() ? "NeTI mapper" : "no mapper",
                s.lambda(),
                s.delta(),
                s.tokenPull() == 0 ? "" : String.format(Locale.ROOT, " + %.3g·token pull", s.tokenPull()),
                s.lr(),
                s.steps(),
                s.batch(),
                anchorWords.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Words of a world-word anchor: three anchors and the longest scene caption's other words
     * ("&lt;c1&gt; … hands a golden cup to &lt;c2&gt; …, while &lt;c3&gt; … looks on": 12) fit the
     * bundled text encoder's 62-word window, so no anchor is cut off at the end.
     */
    static final int WORLD_WORDS = 16;

    /**
     * Words of a description anchor: about the share a Base prompt gives each of two characters
     * ((62 − 12) / 2 = 25), so a two-character scene holds both whole.
     */
    static final int DESCRIPTION_WORDS = 24;

    /**
     * The description fitted to words the text encoder knows ({@link PromptWindow#fit}): with {@link
     * Personalizer.Anchor#WORLD} as the world's scene captions name a person (in the register the model learned
     * scenes from; a description that states none of those is fitted as written), with {@link
     * Personalizer.Anchor#DESCRIPTION} as written.
     */
    @Override
    public String anchor(String description) {
        MiniTextEncoder text = models().text();
        var window = PromptWindow.of(text.tokenizer(), text.config().maxTokens(), false);
        if (anchorWords == Personalizer.Anchor.DESCRIPTION)
            return PromptWindow.fit(description, Math.min(DESCRIPTION_WORDS, window.maxWords() - 4), window);
        String world = DescriptionAttributes.inWorldWords(description);
        return PromptWindow.fit(
                world == null ? description : world, Math.min(WORLD_WORDS, window.maxWords() - 4), window);
    }

    @Override
    public Result personalize(Request request, Checkpoints checkpoints) {
        Map<String, List<byte[]>> portraits = request.portraits();
        Map<String, String> classWords = request.classWords();
        InteractionGraph graph = request.graph();
        long seed = request.seed();
        PersonalizationTrainer.Models m = models();
        List<String> ids =
                new ArrayList<>(new TreeMap<>(portraits).keySet()); // an order that does not depend on the map
        List<PersonalizationTrainer.Character> characters = new ArrayList<>();
        for (String id : ids) {
            List<BufferedImage> images = new ArrayList<>();
            for (byte[] png : portraits.get(id)) images.add(decode("a portrait of " + id, png));
            String word = classWords.getOrDefault(id, "person");
            String prompt = trainingPrompt(request.anchors().get(id));
            characters.add(new PersonalizationTrainer.Character(id, classEmbedding(m.text(), word), images, prompt));
        }
        float[][] weights = weights(ids, graph);
        List<PersonalizationTrainer.ScenePair> pairs = new ArrayList<>();
        for (Pair p : request.pairs())
            pairs.add(new PersonalizationTrainer.ScenePair(
                    decode("a scene pair", p.png()), p.prompt(), p.placeholders()));
        // within a run's stage, its lines and training bar go to the run (its CLI lines, its web page)
        PrintStream out = lemon.port.StageProgress.listening()
                ? lemon.util.LineOutput.printStream(lemon.port.StageProgress::report)
                : progress;
        try (PersonalizationTrainer trainer =
                new PersonalizationTrainer(m, settings, characters, pairs, weights, seed)) {
            if (request.startFrom() != null) trainer.warmStart(request.startFrom());
            int steps = request.startFrom() != null ? continuedSteps(settings) : settings.steps();
            long resumed = 0;
            var saved = checkpoints.latest();
            if (saved.isPresent()) {
                if (trainer.restore(saved.get())) resumed = trainer.steps();
                else out.println("personalize: the saved state is from other inputs; starting over");
            }
            out.printf(
                    Locale.ROOT,
                    "personalize: %d characters, %d interactions, %d scene pairs, %d steps%s%s%n",
                    ids.size(),
                    graph.edges().size(),
                    pairs.size(),
                    steps,
                    request.startFrom() != null ? " from the previous iteration's tokens" : "",
                    resumed > 0 ? ", resuming at step " + resumed : "");
            long t0 = System.nanoTime();
            TrainingLoop.Plan plan = new TrainingLoop.Plan(
                    "personalize", steps, settings.checkpointEvery(), 0, 0.95, null, LearningRate.CONSTANT);
            TrainingLoop.Result run = TrainingLoop.run(trainer.inLoop(checkpoints), plan, null, out);
            double seconds = (System.nanoTime() - t0) / 1e9;

            // without a mapper (Textual Inversion) a token is its one vector: no mapper file to store
            byte[] mapper = settings.mapper() ? trainer.mapperBytes() : null;
            String key = mapper == null
                    ? null
                    : "mapper-" + Checkpoint.sha256(mapper).substring(0, 16) + ".safetensors";
            Map<String, LearnedToken> tokens = new HashMap<>();
            trainer.learnedTokens().forEach((id, e) -> tokens.put(id, new LearnedToken(e, key)));
            double[] losses = trainer.losses();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("characters", ids.size());
            metrics.put("scenePairs", pairs.size());
            metrics.put("warmStart", request.startFrom() != null);
            metrics.put("steps", trainer.steps());
            metrics.put("resumedAtStep", resumed);
            metrics.put("skippedBatches", trainer.skipped());
            metrics.put("seconds", round(seconds));
            if (run.steps() > 0) metrics.put("secondsPerStep", round(seconds / run.steps()));
            if (!Double.isNaN(losses[0])) {
                metrics.put("loss", round(losses[0]));
                metrics.put("lossRec", round(losses[1]));
                metrics.put("lossCt", round(losses[2]));
            }
            return new Result(tokens, metrics, mapper == null ? Map.of() : Map.of(key, mapper), trainer.state());
        } catch (IOException e) {
            throw new UncheckedIOException("personalisation state: " + e.getMessage(), e);
        }
    }

    /**
     * Steps of a later refine iteration, which continues the previous tokens on a training set that
     * changed by a few portraits and pairs: a quarter of a fresh run's (the loop's whole cost stays
     * within about 1.5 fresh runs at the cap of 3 iterations).
     */
    static int continuedSteps(PersonalizationTrainer.Settings s) {
        return Math.max(1, s.steps() / 4);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static BufferedImage decode(String what, byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) throw new IllegalArgumentException(what + " is not an image");
            return img;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Symmetric w_nj between the characters, in {@code ids} order; edges to others are left out. */
    static float[][] weights(List<String> ids, InteractionGraph graph) {
        float[][] w = new float[ids.size()][ids.size()];
        for (InteractionGraph.Edge e : graph.edges()) {
            int a = ids.indexOf(e.a()), b = ids.indexOf(e.b());
            if (a < 0 || b < 0 || a == b) continue;
            w[a][b] = w[b][a] = (float) e.weight();
        }
        return w;
    }

    /**
     * A character's portraits are learned as visualize words them: "a portrait of " and the anchor
     * with the placeholder in its person word's place ({@link lemon.story.Personalization.Token#phrase}),
     * or the paper's "a portrait of S_i" without an anchor.
     */
    static String trainingPrompt(String anchor) {
        return lemon.stage.visualize.VisualizeStage.PORTRAIT_PROMPT
                + lemon.story.Personalization.Token.phrase(
                        PersonalizationTrainer.PLACEHOLDER, anchor == null ? null : anchor.strip());
    }

    /**
     * Where a character's token starts: the mean input embedding of its class word's known words
     * (after the caption synonyms: "lady" is "woman"). A word the text encoder does not know, such
     * as "person" in the mini vocabulary, starts from the mean of "man" and "woman": a person of
     * either gender, rather than the unknown-word row.
     */
    static float[] classEmbedding(MiniTextEncoder text, String classWord) {
        CaptionTokenizer tok = text.tokenizer();
        String normal = DescriptionWords.normalise(classWord, w -> tok.id(w) != CaptionTokenizer.UNK_ID);
        List<String> known = new ArrayList<>();
        for (String w : normal.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
            if (!w.isEmpty() && tok.id(w) != CaptionTokenizer.UNK_ID) known.add(w);
        if (known.isEmpty()) return lemon.mini.models.TokenConditioning.standIn(text);
        float[] sum = new float[text.config().width()];
        for (String w : known) {
            float[] row = text.embeddingOf(w);
            for (int i = 0; i < sum.length; i++) sum[i] += row[i] / known.size();
        }
        return sum;
    }
}
