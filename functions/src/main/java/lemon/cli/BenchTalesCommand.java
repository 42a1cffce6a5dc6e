package lemon.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import lemon.analysis.Sentences;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.match.MatchStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.story.InteractionGraph;
import lemon.story.StoryCharacter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the eight paper tales through the whole workflow (offline) and prints what was found and
 * how long it took; forty-thieves' ingest→describe time (the text half, from the stage timings in
 * its manifest) is reported against the 10 s budget and against a baseline measured in the same
 * process, the portrait painting beside it.
 */
@Command(name = "bench-tales", description = "Run the eight paper tales offline and print a table (benchmark).")
public class BenchTalesCommand implements Callable<Integer> {
    static final List<String> PAPER_TALES = List.of(
            "forty-thieves",
            "cinderella",
            "ashputtel",
            "rapunzel",
            "briar-rose",
            "sleeping-beauty-in-the-wood",
            "valiant-little-tailor",
            "water-of-life");

    /** The paper's defaults: T=30 scenes, K=3 examples, O=5 portraits. */
    static final RunOptions BENCH_OPTIONS = new RunOptions(
            RunOptions.DEFAULT_SCENES,
            RunOptions.DEFAULT_TOP_K,
            RunOptions.DEFAULT_PORTRAITS); // the stages up to the portraits

    /** The text half of the workflow, which the 10 s budget covers. */
    static final List<String> TEXT_STAGES =
            List.of(IngestStage.NAME, AnalyzeStage.NAME, MatchStage.NAME, DescribeStage.NAME);

    @Option(names = "--tales", paramLabel = "DIR", description = "folder of the tales (default ../shared/data/tales)")
    Path tales;

    @Inject
    PipelineProvider configured;

    @Override
    public Integer call() throws Exception {
        Path dir = tales != null ? tales : Home.sharedDir().resolve("data/tales");
        Path store = Files.createTempDirectory("lemon-bench-");
        PipelineProvider provider = configured.with(configured.settings().withStore(store.toString()));
        StageFunctions functions = new StageFunctions(provider);
        RunStore runs = provider.get().runs();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        System.out.printf(
                "%-28s %6s %5s %6s %5s  %-40s %8s%n",
                "tale", "words", "chars", "scenes", "edges", "heaviest edge", "ms");
        long fortyThievesWallMs = -1;
        for (String tale : PAPER_TALES) {
            byte[] bytes = Files.readAllBytes(dir.resolve(tale + ".txt"));
            runs.blobs().put("uploads/" + tale + ".txt", bytes);
            long t0 = System.nanoTime();
            LocalRun.Outcome o = LocalRun.start(functions, "uploads/" + tale + ".txt", BENCH_OPTIONS, tale, quiet);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!o.succeeded()) {
                System.out.printf("%-28s FAILED %s: %s%n", tale, o.error(), o.cause());
                continue;
            }
            if (tale.equals("forty-thieves")) {
                fortyThievesWallMs = ms;
            }
            List<StoryCharacter> cs = runs.require(tale, AnalyzeStage.CHARACTERS, new TypeReference<>() {});
            Map<String, String> names = cs.stream().collect(Collectors.toMap(StoryCharacter::id, StoryCharacter::name));
            InteractionGraph g = runs.require(tale, AnalyzeStage.GRAPH, new TypeReference<>() {});
            String top = g.edges().stream()
                    .max(Comparator.comparingDouble(InteractionGraph.Edge::weight))
                    .map(e -> names.get(e.a()) + " – " + names.get(e.b()))
                    .orElse("");
            int scenes = runs.require(tale, AnalyzeStage.SCENES, new TypeReference<List<Object>>() {})
                    .size();
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %6d %5d %6d %5d  %-40s %8d%n",
                    tale,
                    runs.manifest(tale).input().words(),
                    cs.size(),
                    scenes,
                    g.edges().size(),
                    top.length() > 40 ? top.substring(0, 40) : top,
                    ms);
            System.out.println(
                    "    " + cs.stream().limit(10).map(StoryCharacter::name).collect(Collectors.joining(", ")));
        }
        // forty-thieves ran first, so its time includes loading the encoder and the encoded C.D.
        // database; run it again to see the steady state of a long-lived worker
        long w0 = System.nanoTime();
        LocalRun.start(functions, "uploads/forty-thieves.txt", BENCH_OPTIONS, "forty-thieves-warm", quiet);
        long warmMs = (System.nanoTime() - w0) / 1_000_000;
        // baseline in the same process: one pass of sentence splitting over the same text
        String text = Files.readString(dir.resolve("forty-thieves.txt"));
        long b0 = System.nanoTime();
        int n = 0;
        for (int i = 0; i < 20; i++) {
            n += Sentences.split(text).size();
        }
        double baselineMs = (System.nanoTime() - b0) / 1e6 / 20;
        long textMs = millis(runs, "forty-thieves", TEXT_STAGES),
                warmTextMs = millis(runs, "forty-thieves-warm", TEXT_STAGES);
        System.out.printf(
                Locale.ROOT,
                "%nforty-thieves ingest→describe, first run (loads models): %d ms, "
                        + "ratio to the 10,000 ms budget %.2f%n",
                textMs,
                textMs / 10_000.0);
        System.out.printf(
                Locale.ROOT,
                "forty-thieves ingest→describe, warm: %d ms, ratio to budget %.2f, "
                        + "%.0f× a sentence-split pass of the same story (baseline %.1f ms, %d sentences)%n",
                warmTextMs,
                warmTextMs / 10_000.0,
                warmTextMs / baselineMs,
                baselineMs,
                n / 20);
        System.out.printf(
                Locale.ROOT,
                "forty-thieves generate-portraits (%d per character): %d ms first run, %d ms warm; "
                        + "whole run ingest→publish %d ms first, %d ms warm (wall)%n",
                BENCH_OPTIONS.portraits(),
                millis(runs, "forty-thieves", List.of(PortraitsStage.NAME)),
                millis(runs, "forty-thieves-warm", List.of(PortraitsStage.NAME)),
                fortyThievesWallMs,
                warmMs);
        System.out.println("outputs kept in " + store);
        return 0;
    }

    /** Sum of the recorded times of these stages of a run. */
    private static long millis(RunStore runs, String runId, List<String> stages) {
        var recorded = runs.manifest(runId).stages();
        return stages.stream().mapToLong(st -> recorded.get(st).millis()).sum();
    }
}
