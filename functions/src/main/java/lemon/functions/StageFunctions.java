package lemon.functions;

import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import lemon.run.RunStore;
import lemon.stage.StageCatalogue;
import lemon.stage.StageInput;
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
 * The workflow's Task states, one Funqy function each, one line each: the stage catalogue holds
 * what a stage does, the ledger keeps its books. Locally the workflow runner calls them in-process (and
 * funqy-http serves them); on AWS the same {@code Pipeline.call} runs in the lambda module's handler for the
 * light functions and in {@code lemon stage} in the engine container for the engine stages.
 */
@ApplicationScoped
public class StageFunctions {
    private final PipelineProvider pipelines;

    @Inject
    public StageFunctions(PipelineProvider pipelines) {
        this.pipelines = pipelines;
    }

    @Funq(IngestStage.NAME)
    public StageResult ingest(StageInput in) {
        return pipelines.get().call(IngestStage.NAME, in);
    }

    @Funq(AnalyzeStage.NAME)
    public StageResult analyzeStory(StageInput in) {
        return run(AnalyzeStage.NAME, in);
    }

    @Funq(MatchStage.NAME)
    public StageResult matchCharacters(StageInput in) {
        return run(MatchStage.NAME, in);
    }

    @Funq(DescribeStage.NAME)
    public StageResult describeCharacters(StageInput in) {
        return run(DescribeStage.NAME, in);
    }

    @Funq(PortraitsStage.NAME)
    public StageResult generatePortraits(StageInput in) {
        return run(PortraitsStage.NAME, in);
    }

    @Funq(PersonalizeStage.NAME)
    public StageResult personalize(StageInput in) {
        return run(PersonalizeStage.NAME, in);
    }

    @Funq(VisualizeStage.NAME)
    public StageResult visualize(StageInput in) {
        return run(VisualizeStage.NAME, in);
    }

    @Funq(ValidateStage.NAME)
    public StageResult validate(StageInput in) {
        return run(ValidateStage.NAME, in);
    }

    @Funq(RefineStage.NAME)
    public StageResult refine(StageInput in) {
        return run(RefineStage.NAME, in);
    }

    @Funq(PublishStage.NAME)
    public StageResult publish(StageInput in) {
        return run(PublishStage.NAME, in);
    }

    @Funq(StageCatalogue.NEXT_PASS)
    public StageResult nextPass(StageInput in) {
        return pipelines.get().call(StageCatalogue.NEXT_PASS, in);
    }

    @Funq(StageCatalogue.RECORD_FAILURE)
    public StageResult recordFailure(StageInput in) {
        return pipelines.get().call(StageCatalogue.RECORD_FAILURE, in);
    }

    /** A catalogue stage on the input's run, at the input's iteration (0 when it names none). */
    protected StageResult run(String stage, StageInput in) {
        return pipelines.get().call(stage, in);
    }

    /** Where the stages' own progress lines go (LLM retries); returns the previous target. */
    public lemon.port.Progress reportProgressTo(lemon.port.Progress target) {
        return pipelines.reportProgressTo(target);
    }

    /** The store the stages read and write. */
    public RunStore runs() {
        return pipelines.get().runs();
    }

    /** Stage names in workflow order, for progress lines. */
    public List<String> stageNames() {
        return pipelines.get().catalogue().names();
    }
}
