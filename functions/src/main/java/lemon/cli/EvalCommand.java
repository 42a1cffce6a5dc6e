package lemon.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lemon.config.PipelineSettings;
import lemon.functions.Engines;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.mini.training.EvalScenes;
import lemon.run.Json;
import lemon.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lemon eval}: the paper's evaluation (Tables 2 and 4) and ViStoryBench-style metrics over
 * Base, Textual Inversion, NeTI-like, LeMon and its ablations; {@link LemonEval} does the work, this
 * command picks the stories, methods and engines.
 */
@Command(
        name = "eval",
        description = "Measure Base, Textual Inversion, NeTI-like, LeMon and its ablations (\\ICL, \\Rank, \\Graph,"
                + " \\Lct, \\Pairs, \\Iter) on the same stories, scenes, seeds and models: CLIP text–image and image–image,"
                + " character identification, people counts, ground-truth attributes, style, copy-paste, portrait"
                + " coherence and distinctness, cost; Markdown tables in the layout of the paper's Tables 2 and 4,"
                + " a paired comparison per story, eval.json. Runs are kept in --out and reused.")
public class EvalCommand implements Callable<Integer> {
    @Option(
            names = "--stories",
            arity = "1..*",
            paramLabel = "PATH",
            description = "story files, folders of .txt/.md stories, or example:NAME for a bundled example (default:"
                    + " ../shared/data/tales, ../shared/data/new-stories and the bundled examples)")
    List<Path> stories;

    @Option(
            names = "--methods",
            split = ",",
            paramLabel = "M",
            description =
                    "comma-separated, of base, ti, neti, lemon, no-icl, no-rank, no-graph, no-lct, no-pairs, no-iter"
                            + " (default: all)")
    List<String> methods;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "target/eval",
            description = "the store of runs, reused by a rerun; eval.md and eval.json go here (default target/eval)")
    Path out;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            defaultValue = "1",
            description = "run seeds per story, 1–10: every method runs again from other noise (default 1)")
    int seeds;

    @Option(names = "--scenes", paramLabel = "N", defaultValue = "8", description = "scenes per story (default 8)")
    int scenes;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "2",
            description = "LeMon's refine iterations at most, ≥ 1 (default 2)")
    int iterations;

    @Option(
            names = "--seeds-per-scene",
            paramLabel = "S",
            defaultValue = "2",
            description = "pictures per scene (default 2)")
    int seedsPerScene;

    @Option(
            names = "--portraits",
            paramLabel = "O",
            defaultValue = "4",
            description = "portraits per character (default 4)")
    int portraits;

    @Option(
            names = "--quick",
            description = "a check that every method and metric runs, in a minute or two: --scenes 2 --portraits 2"
                    + " --seeds-per-scene 1 --iterations 1, 2 personalisation and 2 sampling steps, and (without"
                    + " --stories) the two bundled examples; its numbers mean nothing")
    boolean quick;

    @Inject
    PipelineProvider configured;

    @Inject
    Engines engines;

    @Override
    public Integer call() throws IOException {
        RunOptions options;
        List<StoryboardEval.Story> found;
        List<LemonEval.Method> chosen = new ArrayList<>();
        try {
            if (seeds < 1 || seeds > 10) throw new IllegalArgumentException("--seeds must be 1–10, got " + seeds);
            if (iterations < 1)
                throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
            if (quick) {
                scenes = 2;
                portraits = 2; // coherence needs two
                seedsPerScene = 1;
                iterations = 1; // the loop's later passes are tested by the workflow tests
            }
            options = new RunOptions(scenes, RunOptions.DEFAULT_TOP_K, portraits, seedsPerScene, iterations, "");
            if (methods == null || methods.isEmpty()) chosen.addAll(List.of(LemonEval.Method.values()));
            else
                for (String m : methods) {
                    LemonEval.Method parsed = LemonEval.Method.parse(m);
                    if (!chosen.contains(parsed)) chosen.add(parsed);
                }
            chosen.sort(null); // the tables' order
            found = stories != null
                    ? read(stories)
                    : quick ? Examples.NAMES.stream().map(EvalCommand::example).toList() : defaultStories();
            if (found.isEmpty()) throw new IllegalArgumentException("no stories (.txt or .md) found in " + stories);
        } catch (IllegalArgumentException e) {
            System.err.println("lemon: " + e.getMessage());
            return 2;
        }
        PipelineSettings settings = configured.settings().withStore(out.toString());
        if (quick)
            settings =
                    settings.withLoop(settings.loop().withPersonalizeSteps(2)).withImageSteps(2);
        int fresh = settings.loop().personalizeSteps();
        int budget = (int) LemonEval.steps(fresh, iterations);
        Map<LemonEval.Variant, LemonEval.VariantRuns> variants = new EnumMap<>(LemonEval.Variant.class);
        for (LemonEval.Variant v : LemonEval.needed(chosen)) {
            PipelineSettings s = v.settings(settings, budget);
            variants.put(
                    v,
                    new LemonEval.VariantRuns(
                            new StageFunctions(configured.with(s)),
                            v.options(options),
                            s.loop().personalizeSteps(),
                            engines.personalizer(s.loop()).name()));
        }
        StoryboardEval.Models storyboard = new StoryboardEval.Models(
                engines.painter(settings.imageModel(), settings.imageSteps()),
                engines.scorer(),
                engines.validator(),
                lemon.mini.pipelines.PromptWindow.bundled(),
                engines.personalizer(settings.loop())::anchor);
        Map<String, Object> used = new LinkedHashMap<>();
        if (quick) used.put("--quick", "tiny budgets: the numbers only show that every method and metric runs");
        used.put("stories", found.size());
        used.put("methods", String.join(", ", chosen.stream().map(m -> m.label).toList()));
        used.put("--seeds (run seeds per story)", seeds);
        used.put("--scenes", options.scenes());
        used.put("--seeds-per-scene", options.seedsPerScene());
        used.put("--portraits", options.portraits());
        used.put("--iterations (LeMon and its ablations)", options.iterations());
        used.put("top-K", options.topK());
        used.put(
                "step budget",
                String.format(
                        Locale.ROOT,
                        "%d per personalised method (LeMon: %d fresh + a quarter per later iteration; TI and NeTI: all %d"
                                + " in one pass)",
                        budget,
                        fresh,
                        budget));
        used.put("image steps", settings.imageSteps());
        variants.forEach((v, r) -> used.put("personalizer of " + v.key, r.settings()));
        used.put("--out", out.toString());
        System.out.println("eval: " + found.size() + (found.size() == 1 ? " story" : " stories") + ", "
                + chosen.size() + " methods, " + variants.size() + " runs per story → " + out
                + " (workflow progress on stderr; completed runs there are reused)");
        System.out.flush();
        LemonEval eval = new LemonEval(
                variants,
                new LemonEval.Models(storyboard, EvalScenes::probe),
                EvalStoryboardCommand.suffix(options, settings),
                System.err);
        LemonEval.Report report = eval.evaluate(found, chosen, seeds, used);
        String md = LemonEval.markdown(report);
        System.out.println();
        System.out.println(md);
        // the store's folder writes each file whole (temp file, atomic move): no half report from a killed evaluation
        var reports = new lemon.storage.FileBlobStore(out);
        reports.put("eval.md", md.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        reports.put("eval.json", Json.bytes(LemonEval.json(report)));
        Map<String, byte[]> charts = LemonEval.charts(report);
        for (var c : charts.entrySet()) reports.put(c.getKey(), c.getValue());
        reports.put(
                "eval.html",
                LemonEval.html(report, List.copyOf(charts.keySet())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        System.out.println("also in " + out.resolve("eval.md") + ", " + out.resolve("eval.json") + ", "
                + out.resolve("eval.html") + " (each method's pictures per story) and " + charts.size()
                + " charts (" + out.resolve("chart-*.png") + ")");
        return report.stories().stream().allMatch(r -> r.error() == null) ? 0 : 1;
    }

    /** The twelve tales, the four new stories and the bundled examples. */
    static List<StoryboardEval.Story> defaultStories() throws IOException {
        Path data = Home.sharedDir().resolve("data");
        List<StoryboardEval.Story> out = new ArrayList<>(
                EvalStoryboardCommand.read(List.of(data.resolve("tales"), data.resolve("new-stories"))));
        for (String name : Examples.NAMES) out.add(example(name));
        return out;
    }

    /** Files and folders as eval-storyboard reads them; {@code example:NAME} a bundled example. */
    static List<StoryboardEval.Story> read(List<Path> paths) throws IOException {
        List<StoryboardEval.Story> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (p.toString().startsWith("example:"))
                out.add(example(p.toString().substring("example:".length())));
            else files.add(p);
        }
        if (!files.isEmpty()) out.addAll(EvalStoryboardCommand.read(files));
        return out;
    }

    private static StoryboardEval.Story example(String name) {
        return new StoryboardEval.Story("example-" + name, name + ".md", Examples.read(name));
    }
}
