package lemon.pipeline;

import java.time.Clock;
import java.util.List;
import lemon.ingest.StoryIngest;
import lemon.port.CharacterDescriber;
import lemon.port.CharacterRetriever;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageGenerator;
import lemon.port.ImageTextScorer;
import lemon.port.Personalizer;
import lemon.port.StoryAnalyst;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.Stage;
import lemon.stage.StageCatalogue;
import lemon.stage.StageLedger;
import lemon.stage.StageResult;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.match.MatchStage;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.stage.publish.PublishStage;
import lemon.stage.refine.RefineStage;
import lemon.stage.validate.ValidateStage;
import lemon.stage.visualize.VisualizeStage;

/**
 * LeMon as plain Java: the stage catalogue over one store. Ingest creates a run; every other stage
 * runs through the ledger, which makes it idempotent on (run, stage, iteration), so retries and
 * {@code lemon resume} are cheap and give the same outputs.
 */
public final class Pipeline {
    private final StageLedger ledger;
    private final IngestStage ingest;
    private final StageCatalogue catalogue;

    public Pipeline(RunStore runs, StoryIngest ingest, StageCatalogue catalogue, Clock clock) {
        this(runs, ingest, catalogue, clock, null);
    }

    /** @param llm the LLM its analyst and describer use, recorded in every run it creates (null: not said) */
    public Pipeline(RunStore runs, StoryIngest ingest, StageCatalogue catalogue, Clock clock, RunManifest.Llm llm) {
        this.ledger = new StageLedger(runs, clock);
        this.ingest = new IngestStage(runs, ingest, clock, llm);
        this.catalogue = catalogue;
    }

    /** The engines of the personalise → visualise → validate → refine loop. */
    public record LoopEngines(
            Personalizer personalizer,
            CompatibilityValidator validator,
            ImageTextScorer scorer,
            double clipThreshold,
            double dropMargin,
            PersonalizeStage.Tokens tokens,
            boolean sceneMapper) {
        /** With the tokens alone, as the paper paints them. */
        public LoopEngines(
                Personalizer personalizer,
                CompatibilityValidator validator,
                ImageTextScorer scorer,
                double clipThreshold,
                double dropMargin) {
            this(personalizer, validator, scorer, clipThreshold, dropMargin, PersonalizeStage.Tokens.ALONE, true);
        }
    }

    /** Every stage of the paper, in workflow order after ingest. */
    public static StageCatalogue standard(
            StoryAnalyst analyst,
            CharacterRetriever retriever,
            CharacterDescriber describer,
            ImageGenerator painter,
            LoopEngines loop) {
        return new StageCatalogue(List.<Stage>of(
                new AnalyzeStage(analyst),
                new MatchStage(retriever),
                new DescribeStage(describer, retriever),
                new PortraitsStage(painter),
                new PersonalizeStage(loop.personalizer(), loop.tokens()),
                new VisualizeStage(painter, loop.sceneMapper()),
                new ValidateStage(loop.validator(), loop.scorer(), loop.clipThreshold()),
                new RefineStage(loop.scorer(), painter, loop.dropMargin()),
                new PublishStage()));
    }

    public RunStore runs() {
        return ledger.runs();
    }

    public StageCatalogue catalogue() {
        return catalogue;
    }

    /** The stages of the refine loop, which a run with {@code --iterations 0} skips. */
    public static final List<String> LOOP_STAGES =
            List.of(PersonalizeStage.NAME, VisualizeStage.NAME, ValidateStage.NAME, RefineStage.NAME);

    /** Creates the run; its manifest lists the stages it will run (the loop's only when it personalises). */
    public StageResult ingest(String runId, String uploadKey, RunOptions options) {
        List<String> stages = catalogue.names().stream()
                .filter(s -> options.personalises() || !LOOP_STAGES.contains(s))
                .toList();
        return ingest.ingest(runId, uploadKey, options, stages);
    }

    public StageResult run(String stage, String runId, int iteration) {
        return ledger.run(catalogue.get(stage), runId, iteration);
    }

    public StageResult recordFailure(String runId, String error, String cause) {
        return ledger.recordFailure(runId, error, cause);
    }
}
