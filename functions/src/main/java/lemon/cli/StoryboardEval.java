package lemon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lemon.functions.LocalRun;
import lemon.functions.StageFunctions;
import lemon.ingest.StoryIngest;
import lemon.mini.eval.BasePrompts;
import lemon.mini.eval.EvalMetrics.Truth;
import lemon.mini.eval.StoryboardMetrics;
import lemon.mini.eval.StoryboardMetrics.Summary;
import lemon.mini.eval.StoryboardMetrics.Tally;
import lemon.mini.render.DescriptionAttributes;
import lemon.mini.training.AttributeProbe;
import lemon.mini.training.AttributeProbe.Head;
import lemon.mini.training.EvalDescriptions;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageGenerator;
import lemon.port.ImageTextScorer;
import lemon.run.Json;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.RunFileTypes;
import lemon.stage.StageContext;
import lemon.stage.StageKey;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.ingest.RunRequest;
import lemon.stage.portraits.PortraitsStage;
import lemon.stage.publish.PublishStage;
import lemon.stage.refine.RefineStage;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.CharacterDescription;
import lemon.story.Portrait;
import lemon.story.Refinement;
import lemon.story.Scene;
import lemon.story.SceneImage;
import lemon.story.StoryCharacter;

/**
 * Issue 9's acceptance measurement, as plain code ({@link EvalStoryboardCommand} wires it to the
 * configured engines, tests to stand-ins). Each story runs through the whole workflow into one store
 * (a completed run there is reused), then three methods are measured on the same scenes, seeds and
 * models:
 *
 * <ul>
 *   <li><b>Base</b>: the diffusion model with each painted character's description in place of its
 *       name ({@link BasePrompts}), no personalisation: the paper's "StableDiffusion" row, painted
 *       here on the scene canvas with visualize's seeds ({@link VisualizeStage#seed}) and visualize's
 *       characters per picture, left to right;
 *   <li><b>Base, anchors</b>: the same with each description replaced by its anchor, the words a
 *       described token stands beside ({@code lemon.loop.tokens=described}, {@link
 *       lemon.port.Personalizer#anchor}): LeMon with described tokens differs from it only by the
 *       learned tokens;
 *   <li><b>LeMon it.0</b>: visualize's pictures at iteration 0, before any refinement;
 *   <li><b>LeMon</b>: visualize's pictures at the last iteration.
 * </ul>
 *
 * Every painted character's crop is compared by CLIP with the mean embedding of that character's
 * initial portraits ({@link StoryboardMetrics}); the validator counts the people of every picture
 * of two or more characters.
 */
public final class StoryboardEval {
    /** The three methods, in the order printed. */
    public enum Method {
        BASE("Base"),
        BASE_ANCHORS("Base, anchors"),
        LEMON_0("LeMon it.0"),
        LEMON("LeMon");

        public final String label;

        Method(String label) {
            this.label = label;
        }
    }

    /**
     * The models the measurement uses: the painter for the Base pictures (the pipeline's), CLIP for
     * the crops and portraits, the validator for the people counts, the text encoder's window
     * the Base prompts are fitted to, the anchor of a description (the personaliser's), and the
     * attribute probe for pictures of a width and height, which reads what each painted person
     * wears (null: not measured).
     */
    public record Models(
            ImageGenerator painter,
            ImageTextScorer scorer,
            CompatibilityValidator validator,
            lemon.mini.pipelines.PromptWindow window,
            java.util.function.UnaryOperator<String> anchor,
            java.util.function.BiFunction<Integer, Integer, AttributeProbe> probe) {
        /** Without a probe: no "as described" figures. */
        public Models(
                ImageGenerator painter,
                ImageTextScorer scorer,
                CompatibilityValidator validator,
                lemon.mini.pipelines.PromptWindow window,
                java.util.function.UnaryOperator<String> anchor) {
            this(painter, scorer, validator, window, anchor, null);
        }
    }

    /** A story to measure: its name (the run id's stem), file name and bytes. */
    public record Story(String name, String fileName, byte[] bytes) {}

    /**
     * One story's numbers; {@code error} set (and the rest empty) when it could not be measured.
     *
     * @param status         "ran", "reused" (a completed run in the store) or "failed"
     * @param iterations     refine passes the run made (its last iteration + 1)
     * @param spreadBefore   mean within-character portrait spread at iteration 0 (refinement.json)
     * @param spreadAfter    the same after the last refine
     * @param stageMillis    manifest.json's milliseconds per stage key ("personalize@1")
     * @param totalMillis    their sum
     * @param wallMillis     first stage start to last stage end
     * @param baseMillis     painting the Base pictures (0 when reused from the store)
     * @param truth          per method, the probe's reading of each painted person against what its
     *     description states (gender, hair, clothing colour); empty without a probe
     */
    public record StoryResult(
            String story,
            String runId,
            String status,
            String error,
            int characters,
            int scenes,
            int pictures,
            int iterations,
            Map<Method, Summary> methods,
            double spreadBefore,
            double spreadAfter,
            Map<String, Long> stageMillis,
            long totalMillis,
            long wallMillis,
            long baseMillis,
            Map<Method, Truth> truth) {
        boolean measured() {
            return error == null;
        }

        static StoryResult failed(String story, String runId, String error) {
            return new StoryResult(
                    story,
                    runId,
                    "failed",
                    error,
                    0,
                    0,
                    0,
                    0,
                    Map.of(),
                    Double.NaN,
                    Double.NaN,
                    Map.of(),
                    0,
                    0,
                    0,
                    Map.of());
        }
    }

    /** Everything measured: the options and models used, the pooled numbers and each story's. */
    public record Report(
            Map<String, Object> options,
            Map<String, String> models,
            Map<Method, Summary> pooled,
            List<StoryResult> stories,
            Map<Method, Truth> pooledTruth,
            Map<Long, Map<Method, Summary>> bySeed) {}

    /** Where the Base pictures of a run are kept in the store, beside (not inside) the run. */
    static final String BASE_PREFIX = "eval-base/";

    static final String BASE_INDEX = "base-images.json";

    /** The Base pictures of a run as painted: what a rerun checks before reusing them. */
    record BaseSet(String painter, List<BaseImage> images) {}

    record BaseImage(int scene, int take, long seed, String prompt, List<String> characterIds, String file) {}

    private final StageFunctions functions;
    private final RunStore runs;
    private final Models models;
    private final RunOptions options;
    private final List<Long> seeds;
    private final String runIdSuffix;
    private final PrintStream log;
    /** Each measured run's tallies, for pooling by crop and picture rather than by story. */
    private final Map<String, Map<Method, Tally>> tallies = new LinkedHashMap<>();
    /** The attribute probe per picture size, trained once. */
    private final Map<String, AttributeProbe> probes = new LinkedHashMap<>();

    /**
     * @param runIdSuffix appended to each story's name to make its run id (the options that shape the
     *     run, so other options make other runs rather than clash with a stored one)
     * @param log         the workflow's progress and one line per step of the measurement
     */
    public StoryboardEval(
            StageFunctions functions, Models models, RunOptions options, String runIdSuffix, PrintStream log) {
        this(functions, models, options, List.of(options.seed()), runIdSuffix, log);
    }

    /**
     * The same over several run seeds ({@link RunOptions#seed}): every story runs and is measured once
     * per seed, as runs of their own ({@link #runId(String, List, long)}), and the numbers pool over
     * all of them; each seed's pooled numbers are kept too ({@link Report#bySeed}).
     */
    public StoryboardEval(
            StageFunctions functions,
            Models models,
            RunOptions options,
            List<Long> seeds,
            String runIdSuffix,
            PrintStream log) {
        if (!options.personalises())
            throw new IllegalArgumentException("the storyboard measurement needs at least one refine iteration");
        this.functions = functions;
        this.runs = functions.runs();
        this.models = models;
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size())
            throw new IllegalArgumentException("the run seeds must be distinct and at least one, got " + seeds);
        this.options = options;
        this.seeds = List.copyOf(seeds);
        this.runIdSuffix = runIdSuffix;
        this.log = log;
    }

    /**
     * Runs (or reuses) and measures every story; {@code optionsUsed} and {@code modelNames} are
     * recorded as given, with the first measured run's own components beside them.
     */
    public Report evaluate(List<Story> stories, Map<String, Object> optionsUsed, Map<String, String> modelNames) {
        List<StoryResult> results = new ArrayList<>();
        Map<Long, List<StoryResult>> perSeed = new LinkedHashMap<>();
        for (long seed : seeds) {
            RunOptions seeded = options.withSeed(seed);
            List<String> ids = new ArrayList<>();
            for (Story s : stories) {
                String id = runId(s.name(), ids, seed);
                ids.add(id);
                String label = seeds.size() == 1 ? s.name() : s.name() + " (seed " + seed + ")";
                StoryResult r = evaluate(s, label, id, seeded);
                perSeed.computeIfAbsent(seed, k -> new ArrayList<>()).add(r);
                results.add(r);
            }
        }
        Map<Long, Map<Method, Summary>> bySeed = new LinkedHashMap<>();
        if (seeds.size() > 1) perSeed.forEach((seed, rs) -> bySeed.put(seed, pool(rs)));
        Map<Method, Summary> pooled = pool(results);
        Map<Method, Truth> pooledTruth = new EnumMap<>(Method.class);
        for (StoryResult r : results)
            r.truth()
                    .forEach((m, t) -> pooledTruth
                            .computeIfAbsent(m, k -> new Truth(TRUTH_HEADS.size()))
                            .addAll(t));
        Map<String, String> allModels = new LinkedHashMap<>(modelNames);
        results.stream()
                .filter(StoryResult::measured)
                .findFirst()
                .ifPresent(r -> runs.manifest(r.runId()).components().forEach((role, what) -> {
                    if (List.of("painter", "personalizer", "scorer", "validator")
                            .contains(role)) allModels.putIfAbsent("run " + role, what);
                }));
        return new Report(optionsUsed, allModels, pooled, results, pooledTruth, bySeed);
    }

    /** Runs (or reuses) and measures one story at one seed; a failure is its result, not the evaluation's end. */
    private StoryResult evaluate(Story story, String label, String runId, RunOptions seeded) {
        StoryResult r;
        try {
            RunOutcome o = ensureRun(story, runId, seeded);
            r = o.error() != null ? StoryResult.failed(label, runId, o.error()) : measure(label, runId, o.status());
        } catch (RuntimeException e) {
            r = StoryResult.failed(label, runId, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        log.println(
                r.measured()
                        ? String.format(
                                Locale.ROOT,
                                "%s: %s, %d pictures measured (%s)",
                                label,
                                r.status(),
                                r.pictures(),
                                r.runId())
                        : label + ": FAILED: " + r.error());
        log.flush();
        return r;
    }

    /** Every measured run's crops and pictures of some results, pooled per method. */
    private Map<Method, Summary> pool(List<StoryResult> results) {
        Map<Method, Summary> pooled = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            Tally t = new Tally();
            for (StoryResult r : results)
                if (r.measured()) t.addAll(tallies.get(r.runId()).get(m));
            pooled.put(m, t.summary());
        }
        return pooled;
    }

    /** A run made or found: its status ("ran" or "reused"), or why there is none to measure. */
    record RunOutcome(String status, String error) {}

    /**
     * Runs the whole workflow for {@code story} as {@code runId} with this evaluation's functions and
     * options, unless the store holds that run completed; a stored run made with other options is
     * reported, not mixed in.
     */
    RunOutcome ensureRun(Story story, String runId) {
        return ensureRun(story, runId, options);
    }

    /** The same with other options (another run seed). */
    RunOutcome ensureRun(Story story, String runId, RunOptions options) {
        String sha = StoryIngest.sha256(story.bytes());
        boolean stored = runs.exists(runId);
        if (stored) {
            List<String> d = new RunRequest(story.fileName(), sha, options, null).differences(runs.manifest(runId));
            if (!d.isEmpty())
                return new RunOutcome(
                        "failed",
                        "the store's run " + runId + " was made with other settings (" + String.join("; ", d)
                                + "); measure into another --out");
        }
        if (stored && complete(runs.manifest(runId))) return new RunOutcome("reused", null);
        log.println(story.name() + ": running the workflow as run " + runId);
        String uploadKey = IngestStage.uploadKey(story.fileName(), sha);
        try {
            runs.blobs().put(uploadKey, story.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalRun.Outcome o = LocalRun.start(functions, uploadKey, options, runId, log);
        if (!o.succeeded())
            return new RunOutcome("failed", o.rejection() != null ? o.rejection() : o.error() + ": " + o.cause());
        return new RunOutcome("ran", null);
    }

    /**
     * What a measurement reads of a completed run: its context at the last refined iteration, the
     * characters (in the story's order and by id), scenes by index, descriptions by character id and
     * the initial portraits.
     */
    record RunFiles(
            StageContext run,
            int last,
            List<StoryCharacter> characters,
            Map<String, StoryCharacter> byId,
            Map<Integer, Scene> scenes,
            Map<String, String> descriptions,
            List<Portrait> portraits) {
        /** Throws IllegalStateException when the run has no completed refine stage or lacks a file. */
        static RunFiles read(RunStore runs, String runId) {
            RunManifest manifest = runs.manifest(runId);
            int last = lastRefinement(manifest);
            if (last < 0) throw new IllegalStateException("the run has no completed refine stage");
            StageContext run = new StageContext(runs, manifest, last);
            List<StoryCharacter> characters = run.require(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
            Map<String, StoryCharacter> byId = new LinkedHashMap<>();
            characters.forEach(c -> byId.put(c.id(), c));
            Map<Integer, Scene> scenes = new LinkedHashMap<>();
            run.require(AnalyzeStage.SCENES, RunFileTypes.SCENES).forEach(s -> scenes.put(s.index(), s));
            Map<String, String> descriptions = new LinkedHashMap<>();
            for (CharacterDescription d : run.require(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS))
                descriptions.put(d.characterId(), d.description());
            List<Portrait> portraits = run.readAt(PortraitsStage.PORTRAITS, 0, RunFileTypes.PORTRAITS)
                    .orElseThrow(() -> missing(runId, 0));
            return new RunFiles(run, last, characters, byId, scenes, descriptions, portraits);
        }
    }

    private StoryResult measure(String story, String runId, String status) {
        RunFiles files;
        try {
            files = RunFiles.read(runs, runId);
        } catch (IllegalStateException e) {
            return StoryResult.failed(story, runId, e.getMessage());
        }
        RunManifest manifest = runs.manifest(runId);
        int last = files.last();
        StageContext run = files.run();
        List<StoryCharacter> characters = files.characters();
        Map<String, StoryCharacter> byId = files.byId();
        Map<Integer, Scene> scenes = files.scenes();
        Map<String, String> descriptions = files.descriptions();
        List<Portrait> portraits = files.portraits();
        List<SceneImage> first = run.readAt(VisualizeStage.SCENE_IMAGES, 0, RunFileTypes.SCENE_IMAGES)
                .orElseThrow(() -> missing(runId, 0));
        List<SceneImage> lastImages = run.readAt(VisualizeStage.SCENE_IMAGES, last, RunFileTypes.SCENE_IMAGES)
                .orElseThrow(() -> missing(runId, last));

        // the reference of each character: the mean CLIP embedding of its initial portraits
        Map<String, float[]> references = references(run, characters, portraits);

        long b0 = System.nanoTime();
        boolean[] painted = {false};
        List<Picture> base = basePictures(run, byId, scenes, descriptions, first, painted, "");
        Map<String, String> anchors = new LinkedHashMap<>();
        descriptions.forEach(
                (id, d) -> anchors.put(id, d == null ? null : models.anchor().apply(d)));
        List<Picture> baseAnchors = basePictures(run, byId, scenes, anchors, first, painted, "anchors/");
        long baseMillis = painted[0] ? (System.nanoTime() - b0) / 1_000_000 : 0;
        Map<Method, List<Picture>> pictures = new EnumMap<>(Method.class);
        pictures.put(Method.BASE, base);
        pictures.put(Method.BASE_ANCHORS, baseAnchors);
        pictures.put(Method.LEMON_0, stored(run, first, 0));
        pictures.put(Method.LEMON, stored(run, lastImages, last));
        Map<Method, Tally> mine = new EnumMap<>(Method.class);
        Map<Method, Summary> summaries = new EnumMap<>(Method.class);
        Map<Method, Truth> truth = new EnumMap<>(Method.class);
        Map<String, DescriptionAttributes> stated = new LinkedHashMap<>(); // parsed once for the four methods
        if (models.probe() != null)
            descriptions.forEach((id, d) -> stated.put(id, d == null ? null : DescriptionAttributes.parse(d)));
        for (var e : pictures.entrySet()) {
            Truth read = models.probe() == null ? null : new Truth(TRUTH_HEADS.size());
            Tally t = tally(e.getValue(), references, stated, read);
            mine.put(e.getKey(), t);
            summaries.put(e.getKey(), t.summary());
            if (read != null) truth.put(e.getKey(), read);
        }
        tallies.put(runId, mine);

        Optional<Refinement> r0 = run.readAt(RefineStage.REFINEMENT, 0, RunFileTypes.REFINEMENT);
        Optional<Refinement> rLast = run.readAt(RefineStage.REFINEMENT, last, RunFileTypes.REFINEMENT);
        Map<String, Long> millis = new LinkedHashMap<>();
        Instant start = null, end = null;
        for (var e : manifest.stages().entrySet()) {
            StageState s = e.getValue();
            if (s.millis() != null) millis.put(e.getKey(), s.millis());
            if (s.startedAt() != null) {
                Instant t = Instant.parse(s.startedAt());
                if (start == null || t.isBefore(start)) start = t;
            }
            if (s.finishedAt() != null) {
                Instant t = Instant.parse(s.finishedAt());
                if (end == null || t.isAfter(end)) end = t;
            }
        }
        long total = millis.values().stream().mapToLong(Long::longValue).sum();
        long wall = start == null || end == null ? 0 : end.toEpochMilli() - start.toEpochMilli();
        return new StoryResult(
                story,
                runId,
                status,
                null,
                characters.size(),
                scenes.size(),
                first.size(),
                last + 1,
                summaries,
                r0.map(r -> StoryboardMetrics.meanSpread(r.spreadBefore())).orElse(Double.NaN),
                rLast.map(r -> StoryboardMetrics.meanSpread(r.spreadAfter())).orElse(Double.NaN),
                millis,
                total,
                wall,
                baseMillis,
                truth);
    }

    /** A picture to measure, the characters painted in it left to right, and its key in the store. */
    record Picture(byte[] png, List<String> characterIds, String key) {}

    Map<String, float[]> references(StageContext run, List<StoryCharacter> characters, List<Portrait> portraits) {
        List<byte[]> pngs = new ArrayList<>();
        for (Portrait p : portraits)
            pngs.add(run.bytesAt(p.file())
                    .orElseThrow(() ->
                            new IllegalStateException("run " + run.runId() + " is missing its portrait " + p.file())));
        float[][] emb = pngs.isEmpty() ? new float[0][] : models.scorer().embedImages(pngs);
        Map<String, List<float[]>> byCharacter = new LinkedHashMap<>();
        for (int i = 0; i < emb.length; i++)
            byCharacter
                    .computeIfAbsent(portraits.get(i).characterId(), k -> new ArrayList<>())
                    .add(emb[i]);
        Map<String, float[]> out = new LinkedHashMap<>(); // in the story's character order
        for (StoryCharacter c : characters)
            if (byCharacter.containsKey(c.id())) out.put(c.id(), StoryboardMetrics.mean(byCharacter.get(c.id())));
        return out;
    }

    /**
     * Every painted character's crop scored against the references; the people count of every
     * multi-character picture; with {@code truth}, each painted person read by the probe against
     * what its description states ({@code stated}; a person stating nothing is not counted).
     */
    private Tally tally(
            List<Picture> pictures,
            Map<String, float[]> references,
            Map<String, DescriptionAttributes> stated,
            Truth truth) {
        Tally t = new Tally();
        List<byte[]> crops = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (Picture p : pictures) {
            int k = p.characterIds().size();
            if (k == 0) continue;
            java.awt.image.BufferedImage picture = StoryboardMetrics.read(p.png()); // once for probe and crops
            List<java.awt.image.BufferedImage> squares = StoryboardMetrics.cropImages(picture, k);
            AttributeProbe probe = truth == null ? null : probe(picture.getWidth(), picture.getHeight());
            for (int i = 0; i < k; i++) {
                String id = p.characterIds().get(i);
                DescriptionAttributes a = stated.get(id);
                if (probe != null && a != null) readPerson(truth, probe, a, squares.get(i));
                if (!references.containsKey(id)) continue; // no portraits to compare with
                crops.add(StoryboardMetrics.png(squares.get(i)));
                owners.add(id);
            }
            if (k >= 2) t.picture(k, models.validator().inspect(p.png()).people());
        }
        float[][] emb = crops.isEmpty() ? new float[0][] : models.scorer().embedImages(crops);
        for (int i = 0; i < emb.length; i++) t.add(StoryboardMetrics.score(owners.get(i), emb[i], references));
        return t;
    }

    /** What the probe reads of each painted person: gender, hair and clothing colour. */
    static final List<Head> TRUTH_HEADS = List.of(Head.GENDER, Head.HAIR, Head.CLOTHING);

    /** One painted person's crop read by the probe, counted against what its description states. */
    static void readPerson(
            Truth t, AttributeProbe probe, DescriptionAttributes stated, java.awt.image.BufferedImage crop) {
        int[] want = new int[TRUTH_HEADS.size()], read = new int[TRUTH_HEADS.size()];
        for (int h = 0; h < want.length; h++) {
            want[h] = EvalDescriptions.stated(TRUTH_HEADS.get(h), stated);
            read[h] = want[h] < 0 ? -1 : probe.predict(TRUTH_HEADS.get(h), crop);
        }
        t.person(want, read);
    }

    /** The probe for pictures of this size, trained on first use. */
    private AttributeProbe probe(int width, int height) {
        return probes.computeIfAbsent(width + "x" + height, k -> {
            log.println("training the scene attribute probe for " + width + "×" + height + " pictures");
            return models.probe().apply(width, height);
        });
    }

    static List<Picture> stored(StageContext run, List<SceneImage> images, int iteration) {
        List<Picture> out = new ArrayList<>();
        for (SceneImage img : images) {
            String key = StageKey.file(img.file(), iteration);
            out.add(new Picture(
                    run.bytesAt(key)
                            .orElseThrow(() ->
                                    new IllegalStateException("run " + run.runId() + " is missing its picture " + key)),
                    img.characterIds(),
                    run.runId() + "/" + key));
        }
        return out;
    }

    /**
     * The Base pictures of iteration 0's scene images: the same scene, seed and painted characters,
     * descriptions instead of tokens, no personalisation. Kept in the store beside the run and
     * reused while the painter and every prompt are the same; {@code variant} names the subfolder of
     * one set of descriptions ("" for the stories' own).
     */
    List<Picture> basePictures(
            StageContext run,
            Map<String, StoryCharacter> byId,
            Map<Integer, Scene> scenes,
            Map<String, String> descriptions,
            List<SceneImage> images,
            boolean[] painted,
            String variant) {
        String dir = BASE_PREFIX + run.runId() + "/" + variant;
        List<BaseImage> wanted = new ArrayList<>();
        for (SceneImage img : images) {
            Scene scene = scenes.get(img.scene());
            if (scene == null)
                throw new IllegalStateException(
                        "run " + run.runId() + " painted scene " + img.scene() + ", which scenes.json lacks");
            BasePrompts.Painted p = BasePrompts.paint(
                    scene,
                    byId,
                    descriptions,
                    img.characterIds(),
                    run.options().style(),
                    models.window(),
                    models.painter().readsFreeText()
                            ? lemon.stage.visualize.ScenePrompts.Register.SENTENCE
                            : lemon.stage.visualize.ScenePrompts.Register.CAPTION);
            wanted.add(new BaseImage(
                    img.scene(),
                    img.take(),
                    img.seed(), // visualize's, the run seed mixed in
                    p.prompt(),
                    p.characterIds(),
                    "base/" + img.scene() + "-" + img.take() + ".png"));
        }
        String painter = models.painter().name();
        BaseSet want = new BaseSet(painter, wanted);
        try {
            Optional<byte[]> index = runs.blobs().get(dir + BASE_INDEX);
            if (index.isPresent()
                    && Json.MAPPER.readValue(index.get(), BaseSet.class).equals(want)) {
                List<Picture> out = new ArrayList<>();
                for (BaseImage b : wanted) {
                    Optional<byte[]> png = runs.blobs().get(dir + b.file());
                    if (png.isEmpty()) break;
                    out.add(new Picture(png.get(), b.characterIds(), dir + b.file()));
                }
                if (out.size() == wanted.size()) return out;
            }
            log.println("  painting " + wanted.size() + " Base pictures"
                    + (variant.isEmpty() ? "" : " (" + variant.replace("/", "") + ")"));
            log.flush();
            List<ImageGenerator.Request> requests = new ArrayList<>();
            for (BaseImage b : wanted) requests.add(ImageGenerator.Request.scene(b.prompt(), b.seed(), Map.of()));
            List<byte[]> pngs = models.painter().generate(requests);
            List<Picture> out = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                runs.blobs().put(dir + wanted.get(i).file(), pngs.get(i));
                out.add(new Picture(
                        pngs.get(i),
                        wanted.get(i).characterIds(),
                        dir + wanted.get(i).file()));
            }
            runs.blobs().put(dir + BASE_INDEX, Json.bytes(want)); // last: the index vouches for the pictures
            painted[0] = true;
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the Base pictures under " + dir, e);
        }
    }

    /** A run that published: every stage of its loop done. */
    static boolean complete(RunManifest m) {
        StageState publish = m.stages().get(PublishStage.NAME);
        return publish != null && publish.status() == StageState.Status.DONE;
    }

    /** The last iteration whose refine completed, or −1. */
    static int lastRefinement(RunManifest m) {
        int last = -1;
        for (var e : m.stages().entrySet()) {
            StageKey key = StageKey.parse(e.getKey());
            if (key.stage().equals(RefineStage.NAME) && e.getValue().status() == StageState.Status.DONE)
                last = Math.max(last, key.iteration());
        }
        return last;
    }

    /** A run id from a story's name: lower case, letters, digits, '.', '_' and '-'; unique among {@code taken}. */
    String runId(String name, List<String> taken) {
        return runId(name, taken, 0);
    }

    /** The same for a run seed: {@code -seedN} at the end, none for seed 0 (the ids measured before seeds). */
    String runId(String name, List<String> taken, long seed) {
        String suffix = runIdSuffix + (seed == 0 ? "" : "-seed" + seed);
        String stem = stem(name, 64 - suffix.length() - 3);
        String id = stem + suffix;
        for (int i = 2; taken.contains(id); i++) id = stem + "-" + i + suffix;
        return id;
    }

    /** A story's name as the start of a run id: lower case, letters, digits, '.', '_' and '-', at most {@code room} long. */
    static String stem(String name, int room) {
        String stem =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (stem.isEmpty()) stem = "story";
        return stem.length() > room ? stem.substring(0, room) : stem;
    }

    private static IllegalStateException missing(String runId, int iteration) {
        return new IllegalStateException("run " + runId + " lacks files of iteration " + iteration);
    }

    // ---- the report ------------------------------------------------------------------------------

    /** The per-story tables, the pooled numbers and the closing comparison. */
    public static void print(Report report, PrintStream out) {
        out.println("options: "
                + report.options().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        report.models().forEach((role, what) -> out.println("  " + role + ": " + what));
        out.println();
        out.println("Per story: B = Base (descriptions, no personalisation), BA = Base with each description's anchor"
                + " (the words a described token stands beside), L0 = LeMon at iteration 0, L = LeMon after its last"
                + " iteration.");
        out.println("consistency: CLIP cosine of a character's crop to its initial portraits; identified: crops"
                + " nearest their own character; other: cosine to the other characters; multi-ok: validator counts"
                + " the painted people (pictures of ≥ 2)"
                + (report.pooledTruth().isEmpty()
                        ? ""
                        : "; dressed: the attribute probe reads each painted person's clothing colour as its"
                                + " description states it"));
        out.printf(
                Locale.ROOT,
                "%-26s %5s %4s %2s | %-23s | %-19s | %-23s | %-25s | %s%n",
                "story",
                "chars",
                "pics",
                "it",
                "consistency B BA L0 L",
                "identified %",
                "other cos",
                "multi-ok % (n)",
                "portrait spread it0→last" + (report.pooledTruth().isEmpty() ? "" : " | dressed %"));
        for (StoryResult r : report.stories()) {
            if (!r.measured()) {
                out.printf(Locale.ROOT, "%-26s FAILED: %s%n", clip(r.story(), 26), r.error());
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "%-26s %5d %4d %2d | %-23s | %-19s | %-23s | %-25s | %s → %s%s%n",
                    clip(r.story(), 26),
                    r.characters(),
                    r.pictures(),
                    r.iterations(),
                    three(r.methods(), Summary::consistency, StoryboardEval::dec),
                    three(r.methods(), Summary::identification, StoryboardEval::pct),
                    three(r.methods(), Summary::otherCosine, StoryboardEval::dec),
                    three(r.methods(), Summary::multiSuccess, StoryboardEval::pct) + " ("
                            + r.methods().get(Method.BASE).multiPictures() + ")",
                    dec(r.spreadBefore()),
                    dec(r.spreadAfter()),
                    r.truth().isEmpty() ? "" : "          | " + dressed(r.truth()));
        }
        out.println();
        out.println("Times (manifest.json; total = the stages' sum, wall = first start to last end; the issue's"
                + " budget for a whole run on 2 cores is 10 min):");
        for (StoryResult r : report.stories()) {
            if (!r.measured()) continue;
            out.printf(
                    Locale.ROOT,
                    "%-26s %-6s total %6.1f s, wall %6.1f s; Base pictures %s%n",
                    clip(r.story(), 26),
                    r.status(),
                    r.totalMillis() / 1000.0,
                    r.wallMillis() / 1000.0,
                    r.baseMillis() > 0
                            ? String.format(Locale.ROOT, "painted in %.1f s", r.baseMillis() / 1000.0)
                            : "reused");
            out.println("    "
                    + r.stageMillis().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(" · "))
                    + " (ms)");
        }
        report.stories().stream()
                .filter(StoryResult::measured)
                .max(java.util.Comparator.comparingLong(StoryResult::wallMillis))
                .ifPresent(r -> out.printf(
                        Locale.ROOT,
                        "longest run: %s, wall %.1f s (%.2f of 600 s)%n",
                        r.story(),
                        r.wallMillis() / 1000.0,
                        r.wallMillis() / 600_000.0));
        long measured = report.stories().stream().filter(StoryResult::measured).count();
        out.println();
        out.printf(
                Locale.ROOT,
                "Pooled over %d %s (every crop, every picture):%n",
                measured,
                !report.bySeed().isEmpty()
                        ? "runs, " + report.bySeed().size() + " run seeds of each story"
                        : measured == 1 ? "story" : "stories");
        out.printf(Locale.ROOT, "%-34s %12s %14s %12s %12s%n", "", "Base", "Base, anchors", "LeMon it.0", "LeMon");
        row(out, "crops", report.pooled(), s -> String.valueOf(s.crops()));
        row(out, "within-character consistency", report.pooled(), s -> dec(s.consistency()));
        row(out, "identification accuracy", report.pooled(), s -> pct(s.identification()));
        row(out, "cosine to other characters", report.pooled(), s -> dec(s.otherCosine()));
        row(out, "multi-character success", report.pooled(), s -> pct(s.multiSuccess()));
        row(out, "  (of pictures with ≥ 2 painted)", report.pooled(), s -> s.multiOk() + "/" + s.multiPictures());
        Map<Method, Truth> truth = report.pooledTruth();
        if (!truth.isEmpty()) {
            String[] labels = {"gender as described", "hair colour as described", "dressed as described"};
            for (int h = 0; h < TRUTH_HEADS.size(); h++) {
                int head = h;
                truthRow(out, labels[h], truth, t -> pct(t.accuracy(head)));
            }
            truthRow(
                    out,
                    "  (people with a stated colour)",
                    truth,
                    t -> String.valueOf(t.stated(TRUTH_HEADS.size() - 1)));
            truthRow(out, "every stated attribute right", truth, t -> pct(t.allRight()));
        }
        out.println();
        report.bySeed()
                .forEach((seed, p) -> out.println(
                        "seed " + seed + ": " + closing(p).lines().findFirst().orElse("")));
        out.println(leads(report));
        out.println(closing(report.pooled()));
    }

    /**
     * LeMon's lead over Base story by story (run by run with several seeds): mean ± standard error and
     * how many are ahead, on consistency and multi-character success, so that a pooled difference is
     * read against the spread between stories and seeds.
     */
    static String leads(Report report) {
        List<StoryResult> measured =
                report.stories().stream().filter(StoryResult::measured).toList();
        StoryboardMetrics.Lead likeness = StoryboardMetrics.Lead.of(measured.stream()
                .map(r -> r.methods().get(Method.LEMON).consistency()
                        - r.methods().get(Method.BASE).consistency())
                .toList());
        StoryboardMetrics.Lead multi = StoryboardMetrics.Lead.of(measured.stream()
                .map(r -> 100
                        * (r.methods().get(Method.LEMON).multiSuccess()
                                - r.methods().get(Method.BASE).multiSuccess()))
                .toList());
        String by = report.bySeed().isEmpty() ? "story" : "run";
        return String.format(
                Locale.ROOT,
                "LeMon − Base %s by %s: within-character consistency %+.3f ± %.3f (ahead in %d of %d%s);"
                        + " multi-character success %+.1f ± %.1f points (ahead in %d of %d%s). ± one standard error.",
                by,
                by,
                likeness.mean(),
                likeness.standardError(),
                likeness.above(),
                likeness.n(),
                likeness.decisive() ? ", more than two standard errors" : "",
                multi.mean(),
                multi.standardError(),
                multi.above(),
                multi.n(),
                multi.decisive() ? ", more than two standard errors" : "");
    }

    /** The closing lines: LeMon against Base (and Base with anchors) on consistency and multi-character success. */
    static String closing(Map<Method, Summary> pooled) {
        Summary b = pooled.get(Method.BASE), l = pooled.get(Method.LEMON), ba = pooled.get(Method.BASE_ANCHORS);
        String line = "LeMon vs Base: within-character consistency "
                + compare(l.consistency(), b.consistency(), false)
                + "; multi-character success "
                + compare(l.multiSuccess(), b.multiSuccess(), true)
                + ".";
        if (ba == null) return line;
        return line + "\nLeMon vs Base, anchors: within-character consistency "
                + compare(l.consistency(), ba.consistency(), false)
                + "; multi-character success "
                + compare(l.multiSuccess(), ba.multiSuccess(), true)
                + ".";
    }

    private static String compare(double lemon, double base, boolean percent) {
        if (Double.isNaN(lemon) || Double.isNaN(base)) return "not measured (nothing to compare)";
        double d = lemon - base;
        String verdict = Math.abs(d) < 1e-9 ? "the same" : d > 0 ? "better" : "worse";
        return percent
                ? String.format(
                        Locale.ROOT, "%.1f%% vs %.1f%% (%+.1f points, %s)", 100 * lemon, 100 * base, 100 * d, verdict)
                : String.format(Locale.ROOT, "%.3f vs %.3f (%+.3f, %s)", lemon, base, d, verdict);
    }

    private static void row(
            PrintStream out, String label, Map<Method, Summary> m, java.util.function.Function<Summary, String> f) {
        out.printf(
                Locale.ROOT,
                "%-34s %12s %14s %12s %12s%n",
                label,
                f.apply(m.get(Method.BASE)),
                f.apply(m.get(Method.BASE_ANCHORS)),
                f.apply(m.get(Method.LEMON_0)),
                f.apply(m.get(Method.LEMON)));
    }

    private static void truthRow(
            PrintStream out, String label, Map<Method, Truth> m, java.util.function.Function<Truth, String> f) {
        List<String> cells = new ArrayList<>();
        for (Method k : Method.values()) cells.add(m.containsKey(k) ? f.apply(m.get(k)) : "–");
        out.printf(
                Locale.ROOT,
                "%-34s %12s %14s %12s %12s%n",
                label,
                cells.get(0),
                cells.get(1),
                cells.get(2),
                cells.get(3));
    }

    /** Clothing colour read as described, per method, in the per-story table's order. */
    private static String dressed(Map<Method, Truth> truth) {
        List<String> parts = new ArrayList<>();
        for (Method k : Method.values())
            parts.add(truth.containsKey(k) ? pct(truth.get(k).accuracy(TRUTH_HEADS.size() - 1)) : "  – ");
        return String.join(" ", parts);
    }

    private static String three(
            Map<Method, Summary> m,
            java.util.function.ToDoubleFunction<Summary> value,
            java.util.function.DoubleFunction<String> format) {
        List<String> parts = new ArrayList<>();
        for (Method k : Method.values()) parts.add(format.apply(value.applyAsDouble(m.get(k))));
        return String.join(" ", parts);
    }

    static String dec(double v) {
        return Double.isNaN(v) ? "  –  " : String.format(Locale.ROOT, "%.3f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "  – " : String.format(Locale.ROOT, "%3.0f%%", 100 * v);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** eval-storyboard.json: the report with "not measured" as null rather than NaN. */
    public static void writeJson(Report report, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("options", report.options());
        root.put("models", report.models());
        root.put("pooled", methods(report.pooled(), report.pooledTruth()));
        root.put("closing", closing(report.pooled()));
        root.put("leads", leads(report));
        if (!report.bySeed().isEmpty()) {
            Map<String, Object> bySeed = new LinkedHashMap<>();
            report.bySeed().forEach((seed, p) -> bySeed.put(String.valueOf(seed), methods(p, Map.of())));
            root.put("bySeed", bySeed);
        }
        List<Map<String, Object>> stories = new ArrayList<>();
        for (StoryResult r : report.stories()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("story", r.story());
            s.put("runId", r.runId());
            s.put("status", r.status());
            if (!r.measured()) {
                s.put("error", r.error());
                stories.add(s);
                continue;
            }
            s.put("characters", r.characters());
            s.put("scenes", r.scenes());
            s.put("pictures", r.pictures());
            s.put("iterations", r.iterations());
            s.put("methods", methods(r.methods(), r.truth()));
            s.put("portraitSpreadIteration0", num(r.spreadBefore()));
            s.put("portraitSpreadLast", num(r.spreadAfter()));
            s.put("stageMillis", r.stageMillis());
            s.put("totalMillis", r.totalMillis());
            s.put("wallMillis", r.wallMillis());
            s.put("baseMillis", r.baseMillis());
            stories.add(s);
        }
        root.put("stories", stories);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.write(file, Json.bytes(root));
    }

    private static Map<String, Object> methods(Map<Method, Summary> m, Map<Method, Truth> truth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Method k : Method.values()) {
            Summary s = m.get(k);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("crops", s.crops());
            v.put("consistency", num(s.consistency()));
            v.put("identification", num(s.identification()));
            v.put("otherCosine", num(s.otherCosine()));
            v.put("multiPictures", s.multiPictures());
            v.put("multiOk", s.multiOk());
            v.put("multiSuccess", num(s.multiSuccess()));
            Truth t = truth.get(k);
            if (t != null) {
                v.put("truthPeople", t.people());
                v.put("genderAsDescribed", num(t.accuracy(0)));
                v.put("hairAsDescribed", num(t.accuracy(1)));
                v.put("dressedAsDescribed", num(t.accuracy(2)));
                v.put("allAsDescribed", num(t.allRight()));
            }
            out.put(k.label, v);
        }
        return out;
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1e4) / 1e4;
    }
}
