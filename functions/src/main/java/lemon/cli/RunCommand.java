package lemon.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import lemon.cd.CdDatabase;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.ingest.StoryIngest;
import lemon.llm.RunLlm;
import lemon.pipeline.Pipeline;
import lemon.run.RunIds;
import lemon.run.RunOptions;
import lemon.stage.ingest.IngestStage;
import lemon.story.CastCorrections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run the workflow on a story (text or Markdown file).")
public class RunCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "STORY",
            description = "a story file (.txt or .md), or example:NAME for a bundled one; default example:"
                    + Examples.DEFAULT)
    String story;

    @Option(
            names = "--scenes",
            paramLabel = "N",
            defaultValue = "30",
            description = "scene prompts to write (default 30)")
    int scenes;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "3",
            description = "C.D. examples per character (default 3)")
    int topK;

    @Option(
            names = "--portraits",
            paramLabel = "O",
            defaultValue = "5",
            description = "portraits per character (default 5)")
    int portraits;

    @Option(
            names = "--seeds-per-scene",
            paramLabel = "S",
            defaultValue = "" + RunOptions.DEFAULT_SEEDS_PER_SCENE,
            description = "pictures painted per scene; the storyboard shows the best (default 2)")
    int seedsPerScene;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "" + RunOptions.DEFAULT_ITERATIONS,
            description = "at most N passes of personalise → visualise → validate → refine (default 3);"
                    + " 0 stops after the portraits")
    int iterations;

    @Option(
            names = "--style",
            paramLabel = "WORDS",
            defaultValue = "",
            description = "words appended to every scene prompt (default none)")
    String style;

    @Option(
            names = "--cast",
            paramLabel = "FILE",
            description = "corrections to the cast the analyst finds (merge, split, add, rename, drop, gender;"
                    + " format in README), applied right after analysis and kept with the run's options")
    Path castFile;

    @Option(
            names = "--budget",
            paramLabel = "USD",
            description = "stop before a stage once the run has cost this much at the price table's prices"
                    + " (a stage already started finishes; what was made is kept)")
    Double budget;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "mixed into every seed the run draws: another seed paints and trains from other noise (default 0)")
    long seed;

    @Option(names = "--run-id", paramLabel = "ID", description = "choose the run id instead of a generated one")
    String runId;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Inject
    PipelineProvider configured;

    /** The --cast file, read and checked before anything is stored. */
    private CastCorrections cast() {
        if (castFile == null) return CastCorrections.NONE;
        try {
            if (!Files.isRegularFile(castFile)) throw new IllegalArgumentException("no such file");
            if (Files.size(castFile) > MAX_CAST_BYTES)
                throw new IllegalArgumentException(
                        "over " + MAX_CAST_BYTES / 1024 + " KiB; a cast file is a short list");
            return CastCorrections.parse(Files.readAllBytes(castFile));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--cast " + castFile + ": " + e.getMessage(), e);
        }
    }

    static final long MAX_CAST_BYTES = 256 * 1024;

    @Override
    public Integer call() throws IOException {
        RunOptions options;
        try {
            if (portraits < 1) throw new IllegalArgumentException("--portraits must be at least 1, got " + portraits);
            if (seedsPerScene < 1)
                throw new IllegalArgumentException("--seeds-per-scene must be at least 1, got " + seedsPerScene);
            // checked before anything is stored
            options = new RunOptions(scenes, topK, portraits, seedsPerScene, iterations, style, cast())
                    .withBudget(budget)
                    .withSeed(seed);
            if (runId != null) {
                RunIds.check(runId); // likewise: a bad id must not leave an upload behind
            }
        } catch (IllegalArgumentException e) {
            System.err.println("lemon: " + e.getMessage());
            return 2;
        }
        String source = story == null ? "example:" + Examples.DEFAULT : story;
        PipelineProvider provider = common.provider(configured);
        byte[] bytes;
        String fileName;
        if (source.startsWith("example:")) {
            String example = source.substring("example:".length());
            bytes = Examples.read(example);
            fileName = example + ".md";
        } else {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                System.err.println("lemon: no such story file: " + file);
                return 2;
            }
            fileName = file.getFileName().toString();
            // bounded: a file over lemon.ingest.max-bytes is refused unread, and nothing is stored
            StoryIngest limits = new StoryIngest(
                    provider.settings().maxBytes(), provider.settings().minWords());
            try (InputStream in = Files.newInputStream(file)) {
                bytes = limits.read(fileName, in, Files.size(file));
            }
        }
        if (common.cdDatabase != null) {
            CdDatabase.load(common.cdDatabase); // bad rows are reported now, with line numbers, not mid-run
        }
        String id = runId != null ? runId : RunIds.generate(Clock.systemUTC());
        if (runId != null && ExistingRun.store(provider).exists(runId)) {
            try {
                // continuing a stored run: the same story and options, with its own LLM
                provider = ExistingRun.toContinue(provider, common, runId, fileName, bytes, options);
            } catch (IllegalArgumentException e) {
                System.err.println("lemon: " + e.getMessage());
                return 2;
            }
        }
        Pipeline pipeline = provider.get();
        String uploadKey = IngestStage.uploadKey(fileName, StoryIngest.sha256(bytes));
        pipeline.runs().blobs().put(uploadKey, bytes); // an unusable store fails here, before any resume hint
        // the id before the stages, so a user who stops the run (Ctrl-C) knows what to resume
        System.out.println("LeMon: run " + id + ": " + source + " → "
                + pipeline.runs().blobs().describe()
                + " (LLM: " + RunLlm.of(provider.settings().llm()).describe() + "); if it stops: ./lemon resume "
                + id + common.storeOption());
        LocalRun.Outcome outcome = LocalRun.start(new StageFunctions(provider), uploadKey, options, id, System.out);
        return RunSummary.print(
                outcome,
                pipeline,
                System.out,
                System.err,
                CommandLineSetup.verbose(spec.root().commandLine().getParseResult()));
    }
}
