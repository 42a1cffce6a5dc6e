package lemon.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import lemon.config.PipelineSettings;
import lemon.mini.eval.BasePrompts;
import lemon.mini.eval.EvalMetrics;
import lemon.mini.eval.StoryboardMetrics;
import lemon.mini.render.DescriptionAttributes;
import lemon.mini.training.AttributeProbe;
import lemon.mini.training.AttributeProbe.Head;
import lemon.pipeline.Pipeline;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.RunFileTypes;
import lemon.stage.StageContext;
import lemon.stage.StageKey;
import lemon.stage.visualize.ScenePrompts;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Portrait;
import lemon.story.Scene;
import lemon.story.SceneImage;
import lemon.story.StoryCharacter;
import lemon.util.Vectors;

/**
 * {@code lemon eval} (issue 10): the paper's Tables 2 and 4 and ViStoryBench-style metrics for Base,
 * Textual Inversion, NeTI-like, LeMon and its ablations, on the same stories, scenes, seeds and
 * models. Each personalised method is a whole run of the workflow with its own settings ({@link
 * Variant}), kept in the store and reused by a rerun; Base and LeMon\Iter are measured on LeMon's run
 * (Base paints its scenes from descriptions, {@link StoryboardEval#basePictures}; \Iter is its
 * iteration 0). {@link EvalCommand} wires it to the configured engines.
 */
public final class LemonEval {

    /** A run's settings: what a method switches off. */
    public enum Variant {
        LEMON("lemon"),
        TI("ti"),
        NETI("neti"),
        NO_ICL("no-icl"),
        NO_RANK("no-rank"),
        NO_GRAPH("no-graph"),
        NO_LCT("no-lct"),
        NO_PAIRS("no-pairs");

        public final String key;

        Variant(String key) {
            this.key = key;
        }

        /**
         * The settings of this variant's runs. TI and NeTI train on the portraits alone (no graph, no
         * L_ct, no base-model scene pairs, no refinement) for {@code budget} steps, LeMon's whole budget
         * over its iterations; the ablations differ from LeMon in one switch each.
         */
        PipelineSettings settings(PipelineSettings s, int budget) {
            PipelineSettings.Loop l = s.loop();
            return switch (this) {
                case LEMON -> s;
                case TI ->
                    s.withLoop(l.with(0, 0, false)
                            .withTokenPull(0) // the pull towards the class word is LeMon's, not the baselines'
                            .withDescribedScenePairs(0)
                            .withPersonalizeSteps(budget));
                case NETI ->
                    s.withLoop(l.with(0, 0, true)
                            .withTokenPull(0)
                            .withSceneMapper(true) // NeTI paints with its mapper wherever its token is
                            .withDescribedScenePairs(0)
                            .withPersonalizeSteps(budget));
                case NO_ICL ->
                    s.withGuidance(
                            new PipelineSettings.Guidance(false, s.guidance().retrieval()));
                case NO_RANK ->
                    s.withGuidance(new PipelineSettings.Guidance(
                            s.guidance().examples(), PipelineSettings.Guidance.Retrieval.RANDOM));
                case NO_GRAPH -> s.withLoop(l.with(0, l.lambda(), l.mapper()));
                case NO_LCT -> s.withLoop(l.with(l.graphRounds(), 0, l.mapper()));
                case NO_PAIRS -> s.withLoop(l.withDescribedScenePairs(0));
            };
        }

        /** TI and NeTI stop after one pass: personalise, visualise, validate, no second personalisation. */
        RunOptions options(RunOptions o) {
            return this == TI || this == NETI
                    ? new RunOptions(o.scenes(), o.topK(), o.portraits(), o.seedsPerScene(), 1, o.style())
                    : o;
        }
    }

    /** Where a method's pictures come from. */
    enum Measured {
        /** Base pictures painted from the run's descriptions */
        BASE,
        /** visualize's pictures at iteration 0 */
        FIRST,
        /** visualize's pictures at the run's last iteration */
        LAST
    }

    /** The methods, in the order of the tables: Table 2's rows, then Table 4's. */
    public enum Method {
        BASE("Base", "base", Variant.LEMON, Measured.BASE, 2),
        TI("Textual Inversion", "ti", Variant.TI, Measured.FIRST, 2),
        NETI("NeTI-like", "neti", Variant.NETI, Measured.FIRST, 2),
        LEMON("LeMon", "lemon", Variant.LEMON, Measured.LAST, 0),
        NO_ICL("LeMon\\ICL", "no-icl", Variant.NO_ICL, Measured.LAST, 4),
        NO_RANK("LeMon\\Rank", "no-rank", Variant.NO_RANK, Measured.LAST, 4),
        NO_GRAPH("LeMon\\Graph", "no-graph", Variant.NO_GRAPH, Measured.LAST, 4),
        NO_LCT("LeMon\\Lct", "no-lct", Variant.NO_LCT, Measured.LAST, 4),
        /** our addition, not the paper's: no base-model scene pairs in the first pass (lemon.loop.described-scene-pairs) */
        NO_PAIRS("LeMon\\Pairs", "no-pairs", Variant.NO_PAIRS, Measured.LAST, 4),
        NO_ITER("LeMon\\Iter", "no-iter", Variant.LEMON, Measured.FIRST, 4);
        public final String label, key;
        final Variant variant;
        final Measured measured;
        /** The paper's table the method is a row of (0: both). */
        final int table;

        Method(String label, String key, Variant variant, Measured measured, int table) {
            this.label = label;
            this.key = key;
            this.variant = variant;
            this.measured = measured;
            this.table = table;
        }

        /** "ti" or "TI" or "Textual Inversion" → TI. */
        public static Method parse(String s) {
            String k = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Method m : values())
                if (m.key.equals(k) || m.label.toLowerCase(Locale.ROOT).equals(k)) return m;
            List<String> keys = new ArrayList<>();
            for (Method m : values()) keys.add(m.key);
            throw new IllegalArgumentException("no method '" + s + "'; the methods are " + String.join(", ", keys));
        }
    }

    /** The attributes ground-truth identity reads: what the scene probe was trained for. */
    static final List<Head> TRUTH_HEADS = StoryboardEval.TRUTH_HEADS;

    /** Everything measured of one method on one story (or pooled over stories). */
    public static final class Scores {
        final StoryboardMetrics.Tally tally = new StoryboardMetrics.Tally();
        final EvalMetrics.Truth truth = new EvalMetrics.Truth(TRUTH_HEADS.size());
        double textImageSum;
        int textImageN, copied, crops;
        /** per story values (one for a story's scores, each story's for pooled ones) */
        final List<Double> style = new ArrayList<>(), coherence = new ArrayList<>(), distinctness = new ArrayList<>();

        /** cost per run: the mean over the runs added (a story's scores are one run's) */
        double seconds;

        long steps;
        int runs = 1;
        /** personalisations the measured pictures come after (one story's scores) */
        int passes;
        /** one story's pictures: their keys in the store and "scene·take" labels, in visualize's order */
        final List<String> pictureKeys = new ArrayList<>(), pictureLabels = new ArrayList<>();

        double textImage() {
            return textImageN == 0 ? Double.NaN : textImageSum / textImageN;
        }

        double copyPaste() {
            return crops == 0 ? Double.NaN : (double) copied / crops;
        }

        static double mean(List<Double> v) {
            return EvalMetrics.meanAndSd(
                    v.stream().mapToDouble(Double::doubleValue).toArray())[0];
        }

        /** Adds another story's (or seed's) scores; a fresh Scores to pool into starts empty. */
        static Scores pooled() {
            Scores s = new Scores();
            s.runs = 0;
            return s;
        }

        void addAll(Scores o) {
            tally.addAll(o.tally);
            truth.addAll(o.truth);
            textImageSum += o.textImageSum;
            textImageN += o.textImageN;
            copied += o.copied;
            crops += o.crops;
            style.addAll(o.style);
            coherence.addAll(o.coherence);
            distinctness.addAll(o.distinctness);
            seconds = (seconds * runs + o.seconds * o.runs) / Math.max(1, runs + o.runs);
            steps = Math.round((steps * (double) runs + o.steps * (double) o.runs) / Math.max(1, runs + o.runs));
            runs += o.runs;
        }
    }

    /** One metric: its column, how it reads a method's scores, whether higher is better, how it prints. */
    record Metric(String key, String column, Function<Scores, Double> value, boolean higherBetter, boolean percent) {}

    static final List<Metric> METRICS = List.of(
            new Metric("textImage", "CLIP-T", Scores::textImage, true, false),
            new Metric("imageImage", "CLIP-I", s -> s.tally.summary().consistency(), true, false),
            new Metric("identification", "char-ID", s -> s.tally.summary().identification(), true, true),
            new Metric("otherCosine", "cos other", s -> s.tally.summary().otherCosine(), false, false),
            new Metric("countMatch", "count ok", s -> s.tally.summary().countMatch(), true, true),
            new Metric("multiSuccess", "multi ok", s -> s.tally.summary().multiSuccess(), true, true),
            new Metric("truthAll", "truth all", s -> s.truth.allRight(), true, true),
            new Metric("truthGender", "gender", s -> s.truth.accuracy(0), true, true),
            new Metric("truthHair", "hair", s -> s.truth.accuracy(1), true, true),
            new Metric("truthClothing", "clothing", s -> s.truth.accuracy(2), true, true),
            new Metric("style", "style", s -> Scores.mean(s.style), true, false),
            new Metric("copyPaste", "copy", Scores::copyPaste, false, true),
            new Metric("portraitCoherence", "coherence", s -> Scores.mean(s.coherence), true, false),
            new Metric("portraitDistinctness", "distinct", s -> Scores.mean(s.distinctness), true, false));

    /** The metrics LeMon is compared with each other method on, story by story. */
    static final List<String> PAIRED = List.of("imageImage", "identification", "textImage", "countMatch", "truthAll");

    /** The evaluation's engines; probe: the scene attribute probe for pictures of a size (built once per size). */
    public record Models(
            StoryboardEval.Models storyboard, java.util.function.BiFunction<Integer, Integer, AttributeProbe> probe) {}

    /** A variant's runs: its functions (the pipeline of its settings), its options and its steps per run. */
    public record VariantRuns(
            lemon.functions.StageFunctions functions, RunOptions options, long steps, String settings) {}

    /** One story at one run seed: per method its scores, or the error that kept it from being measured. */
    public record StoryResult(
            String story, long seed, Map<Method, Scores> methods, Map<Variant, String> runIds, String error) {}

    public record Report(
            Map<String, Object> options, List<Method> methods, Map<Method, Scores> pooled, List<StoryResult> stories) {}

    private final Map<Variant, VariantRuns> variants;
    private final Models models;
    private final String suffix;
    private final PrintStream log;
    private final Map<String, AttributeProbe> probes = new LinkedHashMap<>();

    /**
     * @param variants the runs each needed variant makes (LeMon's always: Base and \Iter read it)
     * @param suffix   appended to each run id (the options that shape the runs)
     */
    public LemonEval(Map<Variant, VariantRuns> variants, Models models, String suffix, PrintStream log) {
        if (!variants.containsKey(Variant.LEMON)) throw new IllegalArgumentException("LeMon's runs are needed");
        this.variants = variants;
        this.models = models;
        this.suffix = suffix;
        this.log = log;
    }

    /** The variants the methods need: theirs, and LeMon's. */
    public static List<Variant> needed(List<Method> methods) {
        List<Variant> out = new ArrayList<>(List.of(Variant.LEMON));
        for (Method m : methods) if (!out.contains(m.variant)) out.add(m.variant);
        return out;
    }

    /** Every story at run seeds 0 … seeds − 1, each method measured on the same scenes. */
    public Report evaluate(
            List<StoryboardEval.Story> stories, List<Method> methods, int seeds, Map<String, Object> options) {
        List<StoryResult> results = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        int units = stories.size() * seeds, done = 0;
        long t0 = System.nanoTime();
        for (StoryboardEval.Story s : stories) {
            String stem = stem(s.name(), stems);
            stems.add(stem);
            for (long seed = 0; seed < seeds; seed++) {
                StoryResult r;
                try {
                    r = evaluate(s, stem, seed, methods);
                } catch (RuntimeException e) {
                    r = new StoryResult(
                            s.name(), seed, Map.of(), Map.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                done++;
                String at = s.name() + (seeds > 1 ? " (seed " + seed + ")" : "");
                double elapsed = (System.nanoTime() - t0) / 1e9, left = elapsed / done * (units - done);
                log.println(String.format(
                        Locale.ROOT,
                        "[%d/%d] %s: %s; %.0f min so far%s",
                        done,
                        units,
                        at,
                        r.error() == null ? "measured" : "FAILED: " + r.error(),
                        elapsed / 60,
                        done < units ? String.format(Locale.ROOT, ", about %.0f min left", left / 60) : ""));
                log.flush();
                results.add(r);
            }
        }
        Map<Method, Scores> pooled = new EnumMap<>(Method.class);
        for (Method m : methods) {
            Scores p = Scores.pooled();
            for (StoryResult r : results)
                if (r.error() == null) p.addAll(r.methods().get(m));
            pooled.put(m, p);
        }
        return new Report(options, methods, pooled, results);
    }

    private StoryResult evaluate(StoryboardEval.Story story, String stem, long seed, List<Method> methods) {
        Map<Variant, String> ids = new EnumMap<>(Variant.class);
        for (Variant v : needed(methods)) {
            String id = stem + "-" + v.key + suffix + (seed == 0 ? "" : "-seed" + seed);
            ids.put(v, id);
            StoryboardEval.RunOutcome o = storyboard(v, seed).ensureRun(story, id);
            if (o.error() != null) return new StoryResult(story.name(), seed, Map.of(), ids, v.key + ": " + o.error());
            log.println("  " + story.name() + " " + v.key + ": " + o.status() + " (" + id + ")");
        }
        Map<Method, Scores> out = new EnumMap<>(Method.class);
        for (Method m : methods) out.put(m, measure(m, ids.get(m.variant), seed));
        return new StoryResult(story.name(), seed, out, ids, null);
    }

    private StoryboardEval storyboard(Variant v, long seed) {
        VariantRuns r = variants.get(v);
        return new StoryboardEval(
                r.functions(), models.storyboard(), r.options().withSeed(seed), suffix, log);
    }

    /** One method's pictures of one run, measured against that run's portraits and descriptions. */
    Scores measure(Method method, String runId, long seed) {
        VariantRuns vr = variants.get(method.variant);
        RunStore runs = vr.functions().runs();
        RunManifest manifest = runs.manifest(runId);
        StoryboardEval.RunFiles files = StoryboardEval.RunFiles.read(runs, runId);
        int at = method.measured == Measured.LAST ? files.last() : 0;
        StageContext run = files.run();
        List<StoryCharacter> characters = files.characters();
        Map<String, StoryCharacter> byId = files.byId();
        Map<Integer, Scene> scenes = files.scenes();
        Map<String, String> descriptions = files.descriptions();
        List<Portrait> portraits = files.portraits();
        List<SceneImage> images = run.readAt(VisualizeStage.SCENE_IMAGES, at, RunFileTypes.SCENE_IMAGES)
                .orElseThrow(
                        () -> new IllegalStateException("run " + runId + " lacks the pictures of iteration " + at));

        List<StoryboardEval.Picture> pictures = method.measured == Measured.BASE
                ? storyboard(method.variant, seed)
                        .basePictures(run, byId, scenes, descriptions, images, new boolean[1], "")
                : StoryboardEval.stored(run, images, at);
        ScenePrompts.Register register = models.storyboard().painter().readsFreeText()
                ? ScenePrompts.Register.SENTENCE
                : ScenePrompts.Register.CAPTION;
        List<String> prompts = new ArrayList<>();
        for (SceneImage img : images)
            prompts.add(BasePrompts.paint(
                            scenes.get(img.scene()),
                            byId,
                            descriptions,
                            img.characterIds(),
                            run.options().style(),
                            models.storyboard().window(),
                            register)
                    .prompt());

        var scorer = models.storyboard().scorer();
        Scores s = new Scores();
        for (int i = 0; i < pictures.size(); i++) {
            s.pictureKeys.add(pictures.get(i).key());
            s.pictureLabels.add(images.get(i).scene() + "·" + images.get(i).take());
        }
        // the references: each character's initial portraits
        List<byte[]> portraitPngs = new ArrayList<>();
        for (Portrait p : portraits)
            portraitPngs.add(run.bytesAt(p.file())
                    .orElseThrow(() -> new IllegalStateException("run " + runId + " is missing " + p.file())));
        float[][] pe = portraitPngs.isEmpty() ? new float[0][] : scorer.embedImages(portraitPngs);
        Map<String, List<float[]>> own = new LinkedHashMap<>();
        for (StoryCharacter c : characters) own.put(c.id(), new ArrayList<>());
        for (int i = 0; i < pe.length; i++)
            own.get(portraits.get(i).characterId()).add(pe[i]);
        own.values().removeIf(List::isEmpty);
        Map<String, List<BufferedImage>> portraitImages = new LinkedHashMap<>();
        for (int i = 0; i < portraits.size(); i++)
            portraitImages
                    .computeIfAbsent(portraits.get(i).characterId(), k -> new ArrayList<>())
                    .add(StoryboardMetrics.read(portraitPngs.get(i)));
        Map<String, float[]> references = new LinkedHashMap<>();
        own.forEach((id, e) -> references.put(id, StoryboardMetrics.mean(e)));
        s.coherence.add(EvalMetrics.portraitCoherence(own));
        s.distinctness.add(EvalMetrics.portraitDistinctness(own));

        // whole pictures: text–image, style, people counts
        List<byte[]> pngs = pictures.stream().map(StoryboardEval.Picture::png).toList();
        float[][] whole = pngs.isEmpty() ? new float[0][] : scorer.embedImages(pngs);
        float[][] texts = prompts.isEmpty() ? new float[0][] : scorer.embedTexts(prompts);
        for (int i = 0; i < whole.length; i++) {
            s.textImageSum += Vectors.cosine(whole[i], texts[i]);
            s.textImageN++;
        }
        s.style.add(EvalMetrics.meanPairwiseCosine(List.of(whole)));

        // each painted character: its crop against the references, copy-paste, the probe's reading
        Map<String, DescriptionAttributes> stated = new LinkedHashMap<>();
        descriptions.forEach((id, d) -> stated.put(id, d == null ? null : DescriptionAttributes.parse(d)));
        List<byte[]> crops = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (StoryboardEval.Picture p : pictures) {
            int k = p.characterIds().size();
            if (k == 0) continue;
            s.tally.picture(k, models.storyboard().validator().inspect(p.png()).people());
            BufferedImage picture = StoryboardMetrics.read(p.png()); // decoded once for probe, crops and copies
            List<BufferedImage> squares = StoryboardMetrics.cropImages(picture, k);
            AttributeProbe probe = probe(picture);
            for (int i = 0; i < k; i++) {
                String id = p.characterIds().get(i);
                DescriptionAttributes a = stated.get(id);
                if (a != null) StoryboardEval.readPerson(s.truth, probe, a, squares.get(i));
                if (!references.containsKey(id)) continue; // no portraits to compare with
                crops.add(StoryboardMetrics.png(squares.get(i)));
                owners.add(id);
                if (EvalMetrics.copied(squares.get(i), portraitImages.get(id))) s.copied++;
            }
        }
        float[][] ce = crops.isEmpty() ? new float[0][] : scorer.embedImages(crops);
        for (int i = 0; i < ce.length; i++) {
            s.tally.add(StoryboardMetrics.score(owners.get(i), ce[i], references));
            s.crops++;
        }

        // cost: the loop stages up to the measured iteration (Base: painting as many pictures as visualize@0)
        for (var e : manifest.stages().entrySet()) {
            StageKey key = StageKey.parse(e.getKey());
            StageState st = e.getValue();
            if (st.millis() == null || key.iteration() > at) continue;
            boolean counts = method.measured == Measured.BASE
                    ? key.stage().equals(VisualizeStage.NAME) && key.iteration() == 0
                    : Pipeline.LOOP_STAGES.contains(key.stage());
            if (counts) s.seconds += st.millis() / 1000.0;
        }
        s.steps = method.measured == Measured.BASE ? 0 : steps(vr.steps(), at + 1);
        s.passes = method.measured == Measured.BASE ? 0 : at + 1;
        return s;
    }

    /** Optimiser steps over {@code passes} personalisations: a fresh run's, then a quarter of it per later pass. */
    static long steps(long fresh, int passes) {
        return fresh + (long) (passes - 1) * Math.max(1, fresh / 4);
    }

    /** The scene probe for pictures of this one's size, trained on first use. */
    private AttributeProbe probe(BufferedImage picture) {
        int w = picture.getWidth(), h = picture.getHeight();
        return probes.computeIfAbsent(w + "x" + h, k -> {
            log.println("  training the scene attribute probe for " + w + "×" + h + " pictures");
            return models.probe().apply(w, h);
        });
    }

    /** A run id stem from a story's name: lower case, letters, digits, '.', '_' and '-'; unique among {@code taken}. */
    String stem(String name, List<String> taken) {
        String stem = StoryboardEval.stem(name, 64 - suffix.length() - 16); // "-no-graph" and "-seedN" follow
        String id = stem;
        for (int i = 2; taken.contains(id); i++) id = stem + "-" + i;
        return id;
    }

    // ---- the report ------------------------------------------------------------------------------

    /** The Markdown report: the options, Table 2's and Table 4's layout, the paired comparisons, per story. */
    public static String markdown(Report r) {
        StringBuilder out = new StringBuilder("# lemon eval\n\n");
        r.options()
                .forEach((k, v) ->
                        out.append("- ").append(k).append(": ").append(v).append('\n'));
        long measured = r.stories().stream().filter(s -> s.error() == null).count();
        out.append("\nMean over ")
                .append(measured)
                .append(measured == 1 ? " story and seed" : " stories and seeds")
                .append(" (crops and pictures pooled; style, coherence and distinctness per story, then averaged).")
                .append(" CLIP-T: scene prompt (with descriptions) vs picture; CLIP-I: a character's crop vs its")
                .append(" portraits; char-ID: crops nearest their own character's portraits; cos other: to the other")
                .append(" characters' (lower is more distinct); count ok: the validator counts the painted people")
                .append(" (every picture; multi ok: of ≥ 2); truth: the attribute probe reads each painted person's")
                .append(
                        " stated gender, hair and clothing colour (all: every stated one); style: CLIP cosine between a")
                .append(" story's pictures; copy: crops within ")
                .append(EvalMetrics.COPY_CORRELATION)
                .append(
                        " pixel correlation with one portrait; coherence / distinct: the portraits within one character / 1 − between")
                .append(" characters; seconds and steps: per story and seed, the loop's stages (Base: visualize@0's,")
                .append(" which paints as many pictures) and the optimiser steps of its personalisations.\n");
        for (int table : List.of(2, 4)) {
            List<Method> rows = r.methods().stream()
                    .filter(m -> m.table == 0 || m.table == table)
                    .toList();
            if (rows.isEmpty()) continue;
            out.append("\n## ")
                    .append(table == 2 ? "Table 2 layout: baselines" : "Table 4 layout: ablations")
                    .append("\n\n| method |");
            for (Metric m : METRICS) out.append(' ').append(m.column()).append(" |");
            out.append(" seconds | steps |\n|---|");
            out.append("---:|".repeat(METRICS.size() + 2)).append('\n');
            for (Method m : rows) {
                Scores s = r.pooled().get(m);
                out.append("| ").append(m.label).append(" |");
                for (Metric x : METRICS)
                    out.append(' ').append(format(x, x.value().apply(s))).append(" |");
                out.append(String.format(Locale.ROOT, " %.0f | %d |%n", s.seconds, s.steps));
            }
        }
        if (r.methods().contains(Method.LEMON) && measured > 0) {
            out.append("\n## LeMon against each method, story by story\n\n")
                    .append("LeMon − method: mean ± standard deviation over stories of the per-story difference (a")
                    .append(
                            " story's: the mean over its seeds), stories where LeMon leads and, with several seeds, the")
                    .append(
                            " seed-to-seed spread of the difference; **bold** where the mean is larger than two standard")
                    .append(" errors and than the seed-to-seed spread.\n\n| method |");
            for (String k : PAIRED) out.append(' ').append(metric(k).column()).append(" |");
            out.append("\n|---|").append("---|".repeat(PAIRED.size())).append('\n');
            for (Method m : r.methods()) {
                if (m == Method.LEMON) continue;
                out.append("| ").append(m.label).append(" |");
                for (String k : PAIRED) {
                    EvalMetrics.Paired p = paired(r, Method.LEMON, m, metric(k));
                    out.append(' ').append(pairedCell(p, metric(k))).append(" |");
                }
                out.append('\n');
            }
        }
        out.append("\n## Per story: CLIP-I (char-ID)\n\nLeMon's loop stops early when refine drops no portrait;")
                .append(" passes: the personalisations its pictures come after (1: LeMon\\Iter's own).\n\n| story |");
        for (Method m : r.methods()) out.append(' ').append(m.label).append(" |");
        boolean passes = r.methods().contains(Method.LEMON);
        if (passes) out.append(" LeMon passes |");
        out.append("\n|---|")
                .append("---|".repeat(r.methods().size() + (passes ? 1 : 0)))
                .append('\n');
        for (StoryResult s : r.stories()) {
            boolean seeds = r.stories().stream().anyMatch(x -> x.seed() > 0);
            out.append("| ")
                    .append(s.story())
                    .append(seeds ? " (seed " + s.seed() + ")" : "")
                    .append(" |");
            if (s.error() != null) {
                out.append(" FAILED: ").append(s.error().replace('|', '/')).append(" |\n");
                continue;
            }
            for (Method m : r.methods()) {
                var sum = s.methods().get(m).tally.summary();
                out.append(String.format(Locale.ROOT, " %s (%s) |", dec(sum.consistency()), pct(sum.identification())));
            }
            if (passes)
                out.append(' ').append(s.methods().get(Method.LEMON).passes).append(" |");
            out.append('\n');
        }
        return out.toString();
    }

    static Metric metric(String key) {
        return METRICS.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
    }

    /**
     * a − b per story (its seeds' mean) on one metric, with the sign turned where lower is better (a lead
     * is positive); a story counts only when every one of its seeds was measured.
     */
    static EvalMetrics.Paired paired(Report r, Method a, Method b, Metric metric) {
        Map<String, List<StoryResult>> byStory = new LinkedHashMap<>();
        for (StoryResult s : r.stories())
            byStory.computeIfAbsent(s.story(), k -> new ArrayList<>()).add(s);
        List<double[]> x = new ArrayList<>(), y = new ArrayList<>();
        double sign = metric.higherBetter() ? 1 : -1;
        for (List<StoryResult> seeds : byStory.values()) {
            if (seeds.stream().anyMatch(s -> s.error() != null)) continue;
            double[] xs = new double[seeds.size()], ys = new double[seeds.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = sign * metric.value().apply(seeds.get(i).methods().get(a));
                ys[i] = sign * metric.value().apply(seeds.get(i).methods().get(b));
            }
            x.add(xs);
            y.add(ys);
        }
        return EvalMetrics.paired(x, y);
    }

    private static String pairedCell(EvalMetrics.Paired p, Metric m) {
        if (p.stories() == 0) return "–";
        double scale = m.percent() ? 100 : 1;
        String mean = String.format(Locale.ROOT, m.percent() ? "%+.1f" : "%+.3f", scale * p.meanDifference());
        String sd = Double.isNaN(p.sd())
                ? ""
                : String.format(Locale.ROOT, m.percent() ? " ± %.1f" : " ± %.3f", scale * p.sd());
        String spread = Double.isNaN(p.seedSpread())
                ? ""
                : String.format(Locale.ROOT, m.percent() ? ", seeds ± %.1f" : ", seeds ± %.3f", scale * p.seedSpread());
        String cell = mean + sd + " (" + p.wins() + "/" + p.stories() + spread + ")";
        return p.decisive() ? "**" + cell + "**" : cell;
    }

    static String format(Metric m, double v) {
        return m.percent() ? pct(v) : dec(v);
    }

    static String dec(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    /**
     * One bar chart per metric (file name → PNG): each method's mean with an error bar of ± the standard
     * deviation of its per-story (and per-seed) values.
     */
    public static Map<String, byte[]> charts(Report r) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<StoryResult> ok =
                r.stories().stream().filter(s -> s.error() == null).toList();
        List<String> labels = r.methods().stream().map(m -> m.label).toList();
        for (Metric metric : METRICS) {
            double[] values = new double[r.methods().size()], spreads = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                Method m = r.methods().get(i);
                values[i] = metric.value().apply(r.pooled().get(m));
                double[] per = ok.stream()
                        .mapToDouble(s -> metric.value().apply(s.methods().get(m)))
                        .toArray();
                spreads[i] = EvalMetrics.meanAndSd(per)[1];
            }
            String title = metric.column() + (metric.higherBetter() ? " (higher is better)" : " (lower is better)")
                    + ", ± sd over stories";
            out.put(
                    "chart-" + metric.key() + ".png",
                    lemon.report.BarChart.render(title, labels, values, spreads, metric.percent()));
        }
        return out;
    }

    /**
     * eval.html: the table, the charts, and per story (its first seed) one row of pictures per method
     * for the same scenes, read from the store folder the page sits in.
     */
    public static String html(Report r, List<String> chartFiles) {
        StringBuilder h = new StringBuilder(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>lemon eval</title>"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
                        + "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}"
                        + "img.pic{height:64px;image-rendering:pixelated;margin:1px}"
                        + ".charts img{max-width:100%}</style></head><body><h1>lemon eval</h1>");
        h.append("<pre>").append(esc(markdown(r))).append("</pre><h2>Charts</h2><div class=\"charts\">");
        for (String f : chartFiles)
            h.append("<img src=\"")
                    .append(esc(f))
                    .append("\" alt=\"bar chart ")
                    .append(esc(f))
                    .append("\">");
        h.append("</div><h2>Pictures: each method on the same scenes</h2>");
        for (StoryResult s : r.stories()) {
            if (s.error() != null || s.seed() != 0) continue;
            h.append("<h3>").append(esc(s.story())).append("</h3><table><tr><th>method</th><th>CLIP-I (char-ID)</th>");
            List<String> scenes = s.methods().values().iterator().next().pictureLabels;
            h.append("<th>pictures (scene·take): ")
                    .append(esc(String.join(", ", scenes)))
                    .append("</th></tr>");
            for (Method m : r.methods()) {
                Scores sc = s.methods().get(m);
                var sum = sc.tally.summary();
                h.append("<tr><td>")
                        .append(esc(m.label))
                        .append("</td><td>")
                        .append(dec(sum.consistency()))
                        .append(" (")
                        .append(pct(sum.identification()))
                        .append(")</td><td>");
                for (int i = 0; i < sc.pictureKeys.size(); i++)
                    h.append("<img class=\"pic\" loading=\"lazy\" src=\"")
                            .append(esc(sc.pictureKeys.get(i)))
                            .append("\" alt=\"")
                            .append(esc(m.label + ", scene " + sc.pictureLabels.get(i)))
                            .append("\">");
                h.append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** eval.json: per method the pooled metrics, per story each method's, the paired comparisons; NaN as null. */
    public static Map<String, Object> json(Report r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("options", r.options());
        Map<String, Object> pooled = new LinkedHashMap<>();
        for (Method m : r.methods()) pooled.put(m.key, values(r.pooled().get(m)));
        root.put("pooled", pooled);
        if (r.methods().contains(Method.LEMON)) {
            Map<String, Object> paired = new LinkedHashMap<>();
            for (Method m : r.methods()) {
                if (m == Method.LEMON) continue;
                Map<String, Object> per = new LinkedHashMap<>();
                for (String k : PAIRED) {
                    EvalMetrics.Paired p = paired(r, Method.LEMON, m, metric(k));
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("stories", p.stories());
                    v.put("meanLead", num(p.meanDifference()));
                    v.put("sd", num(p.sd()));
                    v.put("wins", p.wins());
                    v.put("seedSpread", num(p.seedSpread()));
                    v.put("decisive", p.decisive());
                    per.put(k, v);
                }
                paired.put(m.key, per);
            }
            root.put("lemonAgainst", paired);
        }
        List<Map<String, Object>> stories = new ArrayList<>();
        for (StoryResult s : r.stories()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("story", s.story());
            o.put("seed", s.seed());
            Map<String, String> ids = new LinkedHashMap<>();
            s.runIds().forEach((v, id) -> ids.put(v.key, id));
            o.put("runs", ids);
            if (s.error() != null) o.put("error", s.error());
            else {
                Map<String, Object> methods = new LinkedHashMap<>();
                s.methods().forEach((m, sc) -> methods.put(m.key, values(sc)));
                o.put("methods", methods);
            }
            stories.add(o);
        }
        root.put("stories", stories);
        return root;
    }

    private static Map<String, Object> values(Scores s) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Metric m : METRICS) v.put(m.key(), num(m.value().apply(s)));
        var sum = s.tally.summary();
        v.put("crops", sum.crops());
        v.put("pictures", sum.pictures());
        v.put("multiPictures", sum.multiPictures());
        v.put("truthPeople", s.truth.people());
        v.put("seconds", num(s.seconds));
        v.put("steps", s.steps);
        if (s.passes > 0) v.put("passes", s.passes);
        return v;
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1e4) / 1e4;
    }
}
