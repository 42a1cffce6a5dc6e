package lemon.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lemon.config.PipelineSettings;
import lemon.functions.Engines;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 9's acceptance measurement: Base (descriptions, no personalisation) against LeMon before
 * and after refinement, on the same scenes, seeds and models, over the tales in ../shared/data.
 * The work is {@link StoryboardEval}'s; this command picks the stories and the engines.
 */
@Command(
        name = "eval-storyboard",
        description =
                "Measure Base (descriptions, no personalisation) vs LeMon at iteration 0 vs LeMon on the same"
                        + " scenes and seeds: within-character consistency, identification accuracy, multi-character success,"
                        + " portrait spread and stage times, over the tales in ../shared/data/tales (runs are kept and reused).")
public class EvalStoryboardCommand implements Callable<Integer> {
    @Option(
            names = "--stories",
            arity = "1..*",
            paramLabel = "PATH",
            description = "story files, or folders of .txt/.md stories (default ../shared/data/tales)")
    List<Path> stories;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "target/eval-storyboard",
            description = "the store of runs and Base pictures, reused by a rerun; eval-storyboard.json goes here"
                    + " (default target/eval-storyboard)")
    Path out;

    @Option(names = "--scenes", paramLabel = "N", defaultValue = "30", description = "scenes per story (default 30)")
    int scenes;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "" + RunOptions.DEFAULT_ITERATIONS,
            description = "refine iterations at most, ≥ 1 (default 3)")
    int iterations;

    @Option(
            names = "--seeds-per-scene",
            paramLabel = "S",
            defaultValue = "" + RunOptions.DEFAULT_SEEDS_PER_SCENE,
            description = "pictures per scene (default 2)")
    int seedsPerScene;

    @Option(
            names = "--portraits",
            paramLabel = "O",
            defaultValue = "" + RunOptions.DEFAULT_PORTRAITS,
            description = "portraits per character (default 5)")
    int portraits;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "0",
            description = "mixed into every seed the runs draw (default 0): another seed trains and paints every method"
                    + " again from other noise, into runs of their own")
    long seed;

    @Option(
            names = "--seeds",
            paramLabel = "K",
            defaultValue = "1",
            description = "run seeds per story, 1–10: every story runs and is measured at --seed, --seed + 1, …,"
                    + " pooled, with each seed's closing line (default 1)")
    int seeds;

    @Inject
    PipelineProvider configured;

    @Inject
    Engines engines;

    @Override
    public Integer call() throws IOException {
        RunOptions options;
        List<StoryboardEval.Story> found;
        try {
            if (seeds < 1 || seeds > 10) throw new IllegalArgumentException("--seeds must be 1–10, got " + seeds);
            if (iterations < 1)
                throw new IllegalArgumentException(
                        "--iterations must be at least 1: LeMon is measured after personalisation, got " + iterations);
            options = new RunOptions(scenes, RunOptions.DEFAULT_TOP_K, portraits, seedsPerScene, iterations, "")
                    .withSeed(seed);
            found = read(stories != null ? stories : List.of(Home.sharedDir().resolve("data/tales")));
            if (found.isEmpty()) throw new IllegalArgumentException("no stories (.txt or .md) found in " + stories);
        } catch (IllegalArgumentException e) {
            System.err.println("lemon: " + e.getMessage());
            return 2;
        }
        PipelineSettings settings = configured.settings().withStore(out.toString());
        PipelineProvider provider = configured.with(settings);
        int steps = settings.loop().personalizeSteps();
        String suffix = suffix(options, settings);
        StoryboardEval.Models models = new StoryboardEval.Models(
                engines.painter(settings.imageModel(), settings.imageSteps()),
                engines.scorer(),
                engines.validator(),
                lemon.mini.pipelines.PromptWindow.bundled(),
                engines.personalizer(settings.loop())::anchor,
                lemon.mini.training.EvalScenes::probe);
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("stories", found.size());
        used.put("--scenes", options.scenes());
        used.put("--seeds-per-scene", options.seedsPerScene());
        used.put("--portraits", options.portraits());
        used.put("--iterations", options.iterations());
        used.put("--seed", options.seed());
        used.put("--seeds", seeds);
        used.put("top-K", options.topK());
        used.put("personalize steps", steps);
        used.put("tokens (lemon.loop.tokens)", settings.loop().tokens().name().toLowerCase(Locale.ROOT));
        used.put("scene mapper (lemon.loop.scene-mapper)", settings.loop().sceneMapper());
        used.put(
                "scene pairs train the mapper (lemon.loop.scene-pairs-train-mapper)",
                settings.loop().scenePairsTrainMapper());
        used.put(
                "base-model scene pairs per scene (lemon.loop.described-scene-pairs)",
                settings.loop().describedScenePairs());
        used.put("anchors (lemon.loop.anchor)", settings.loop().anchor().name().toLowerCase(Locale.ROOT));
        used.put("image steps", settings.imageSteps());
        used.put("--out", out.toString());
        System.out.println("eval-storyboard: " + found.size() + (found.size() == 1 ? " story → " : " stories → ") + out
                + " (workflow progress on stderr; completed runs there are reused)");
        System.out.flush();
        List<Long> runSeeds =
                java.util.stream.LongStream.range(seed, seed + seeds).boxed().toList();
        StoryboardEval eval =
                new StoryboardEval(new StageFunctions(provider), models, options, runSeeds, suffix, System.err);
        Map<String, String> names = new LinkedHashMap<>();
        names.put("Base painter", models.painter().name());
        names.put("CLIP (crops, portraits)", models.scorer().name());
        names.put("validator (people counts)", models.validator().name());
        StoryboardEval.Report report = eval.evaluate(found, used, names);
        System.out.println();
        StoryboardEval.print(report, System.out);
        Path json = out.resolve("eval-storyboard.json");
        StoryboardEval.writeJson(report, json);
        System.out.println("numbers also in " + json);
        return report.stories().stream().allMatch(r -> r.error() == null) ? 0 : 1;
    }

    /**
     * What makes a run id of these options and loop settings: the options, and each loop setting
     * that is not its default (a run with other settings is another run, not one to reuse).
     */
    static String suffix(RunOptions options, PipelineSettings settings) {
        int steps = settings.loop().personalizeSteps();
        return String.format(
                        Locale.ROOT,
                        "-t%d-o%d-s%d-i%d-ps%d",
                        options.scenes(),
                        options.portraits(),
                        options.seedsPerScene(),
                        options.iterations(),
                        steps)
                // a run with other loop settings than the defaults is another run, not one to reuse
                + (settings.loop().tokens() == PipelineSettings.Loop.DEFAULT.tokens()
                        ? ""
                        : "-" + settings.loop().tokens().name().toLowerCase(Locale.ROOT))
                + (settings.loop().sceneMapper() == PipelineSettings.Loop.DEFAULT.sceneMapper()
                        ? ""
                        : settings.loop().sceneMapper() ? "-map" : "-nomap")
                + (settings.loop().scenePairsTrainMapper() == PipelineSettings.Loop.DEFAULT.scenePairsTrainMapper()
                        ? ""
                        : settings.loop().scenePairsTrainMapper() ? "-pairall" : "-pairtok")
                + (settings.loop().describedScenePairs() == PipelineSettings.Loop.DEFAULT.describedScenePairs()
                        ? ""
                        : "-dp" + settings.loop().describedScenePairs())
                + (settings.loop().anchor() == PipelineSettings.Loop.DEFAULT.anchor()
                        ? ""
                        : "-anchor-" + settings.loop().anchor().name().toLowerCase(Locale.ROOT))
                + (settings.loop().graphRounds() == PipelineSettings.Loop.DEFAULT.graphRounds()
                        ? ""
                        : "-g" + settings.loop().graphRounds())
                + (settings.loop().lambda() == PipelineSettings.Loop.DEFAULT.lambda()
                        ? ""
                        : "-l" + settings.loop().lambda())
                + (settings.loop().pushFloor() == PipelineSettings.Loop.DEFAULT.pushFloor()
                        ? ""
                        : "-pf" + settings.loop().pushFloor())
                + (settings.loop().tokenPull() == PipelineSettings.Loop.DEFAULT.tokenPull()
                        ? ""
                        : "-tp" + settings.loop().tokenPull())
                + (settings.loop().mapper() ? "" : "-nomapper")
                + (settings.imageSteps() == PipelineSettings.DEFAULT_IMAGE_STEPS ? "" : "-is" + settings.imageSteps())
                + (settings.guidance().equals(PipelineSettings.Guidance.DEFAULT)
                        ? ""
                        : "-" + (settings.guidance().examples() ? "" : "noicl")
                                + settings.guidance().retrieval().name().toLowerCase(Locale.ROOT));
    }

    /** The stories named: files as given, folders' .txt and .md files (not README) by name; each file once. */
    static List<StoryboardEval.Story> read(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> in = Files.list(p)) {
                    in.filter(Files::isRegularFile)
                            .filter(f -> {
                                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                                return (n.endsWith(".txt") || n.endsWith(".md")) && !n.startsWith("readme");
                            })
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("no such story file or folder: " + p);
            }
        }
        List<StoryboardEval.Story> out = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        for (Path f : files) {
            Path real = f.toRealPath();
            if (seen.contains(real)) continue;
            seen.add(real);
            String file = f.getFileName().toString();
            int dot = file.lastIndexOf('.');
            out.add(new StoryboardEval.Story(dot > 0 ? file.substring(0, dot) : file, file, Files.readAllBytes(f)));
        }
        return out;
    }
}
