package lemon.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.mini.training.EvalDescriptions;
import lemon.run.RunStore;
import lemon.stage.StageInput;
import lemon.stage.describe.DescribeStage;
import lemon.story.CharacterDescription;
import lemon.util.FileTrees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 14's measurement: the descriptions describe-characters writes (ingest → analyze → match →
 * describe, in-process with the configured describer) for every story under ../shared/data and the
 * bundled examples, painted by the portrait model and read back by the attribute probe.
 */
@Command(
        name = "eval-descriptions",
        description = "Portrait faithfulness on the pipeline's own descriptions (stories under ../shared/data and "
                + "the bundled examples): per attribute, accuracy vs unconditional samples vs template captions; "
                + "writes a contact sheet of the first bundled example.")
public class EvalDescriptionsCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "stories, searched recursively (default ../shared/data)")
    Path data;

    @Option(names = "--portraits", description = "portraits per description (default 4)")
    int portraits = 4;

    @Option(
            names = "--template",
            description = "held-out template captions for the comparison figure (default 200; 0 skips)")
    int template = 200;

    @Option(names = "--weights", paramLabel = "DIR", description = "a diffusion generator folder (default: committed)")
    Path weights;

    @Option(
            names = "--sheet",
            paramLabel = "PNG",
            description = "contact sheet (default lemon-runs/eval-descriptions-<example>.png)")
    Path sheet;

    @Option(
            names = "--table",
            paramLabel = "TSV",
            description = "also write one row per description: its text, the words the model reads, what it states, "
                    + "what the probe reads off its portraits")
    Path table;

    @Mixin
    SamplingOptions samplingOptions;

    @Inject
    PipelineProvider configured;

    @Override
    public Integer call() throws Exception {
        lemon.mini.pipelines.PortraitPipeline.Sampling sampling;
        try { // refused before minutes of describing
            sampling = samplingOptions.sampling(lemon.mini.pipelines.PortraitPipeline.DEFAULT_STEPS);
        } catch (IllegalArgumentException e) {
            System.err.println("lemon: " + e.getMessage());
            return 2;
        }
        Path dir = data != null ? data : Home.sharedDir().resolve("data");
        Map<String, byte[]> stories = new LinkedHashMap<>();
        for (String name : Examples.NAMES) stories.put("example:" + name, Examples.read(name));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".txt")).sorted().toList())
                stories.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        Path store = Files.createTempDirectory("lemon-eval-descriptions-");
        List<EvalDescriptions.Described> all;
        try {
            all = describeAll(stories, store);
        } finally {
            FileTrees.delete(store); // the runs were only the way to the descriptions
        }
        String example = "example:" + Examples.DEFAULT;
        Path png = sheet != null ? sheet : Path.of("lemon-runs", "eval-descriptions-" + Examples.DEFAULT + ".png");
        EvalDescriptions.run(
                all,
                new EvalDescriptions.Options(portraits, template, 1, weights, table, sampling),
                example,
                png,
                System.out);
        return 0;
    }

    /** Each story through ingest → analyze → match → describe, as a run does, in a throwaway store. */
    private List<EvalDescriptions.Described> describeAll(Map<String, byte[]> stories, Path store) throws Exception {
        PipelineProvider provider = configured.with(configured.settings().withStore(store.toString()));
        StageFunctions f = new StageFunctions(provider);
        RunStore runs = provider.get().runs();
        List<EvalDescriptions.Described> all = new ArrayList<>();
        int i = 0;
        for (var e : stories.entrySet()) {
            String runId = "story-" + i++,
                    key = "uploads/" + runId + (e.getKey().endsWith(".txt") ? ".txt" : ".md");
            runs.blobs().put(key, e.getValue());
            f.ingest(new StageInput(runId, 0, key, null, null, null, null, 0, null, null, null, null, null));
            StageInput in = new StageInput(runId, 0, null, null, null, null, null, null, null, null, null, null, null);
            f.analyzeStory(in);
            f.matchCharacters(in);
            f.describeCharacters(in);
            List<CharacterDescription> ds =
                    runs.require(runId, DescribeStage.DESCRIPTIONS, new TypeReference<List<CharacterDescription>>() {});
            for (CharacterDescription d : ds)
                all.add(new EvalDescriptions.Described(e.getKey(), d.name(), d.description()));
            System.out.printf("%-44s %2d descriptions%n", e.getKey(), ds.size());
        }
        return all;
    }
}
