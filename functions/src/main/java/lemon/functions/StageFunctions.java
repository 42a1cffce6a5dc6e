package lemon.functions;

import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lemon.pipeline.StageResult;
import lemon.pipeline.Stages;
import lemon.run.RunOptions;

/**
 * The workflow's Task states, one Funqy function each. Thin on purpose: read the input, call the
 * pipeline, return its small result. On AWS each is exported as its own Lambda
 * (quarkus.funqy.export); locally the workflow runner calls them in-process.
 */
@ApplicationScoped
public class StageFunctions {
    private final PipelineProvider pipelines;

    @Inject
    public StageFunctions(PipelineProvider pipelines) {
        this.pipelines = pipelines;
    }

    @Funq(Stages.INGEST)
    public StageResult ingest(StageInput in) {
        RunOptions defaults = RunOptions.defaults();
        RunOptions options = new RunOptions(in.scenes() == null ? defaults.scenes() : in.scenes(),
                in.topK() == null ? defaults.topK() : in.topK(),
                in.portraits() == null ? defaults.portraits() : in.portraits());
        return pipelines.get().ingest(in.runId(), in.uploadKey(), options);
    }

    @Funq(Stages.ANALYZE)
    public StageResult analyzeStory(StageInput in) {
        return pipelines.get().analyze(in.requireRunId());
    }

    @Funq(Stages.MATCH)
    public StageResult matchCharacters(StageInput in) {
        return pipelines.get().match(in.requireRunId());
    }

    @Funq(Stages.DESCRIBE)
    public StageResult describeCharacters(StageInput in) {
        return pipelines.get().describe(in.requireRunId());
    }

    @Funq(Stages.PORTRAITS)
    public StageResult generatePortraits(StageInput in) {
        return pipelines.get().portraits(in.requireRunId());
    }

    @Funq(Stages.PUBLISH)
    public StageResult publish(StageInput in) {
        return pipelines.get().publish(in.requireRunId());
    }

    @Funq("record-failure")
    public StageResult recordFailure(StageInput in) {
        StageInput.Failure f = in.failure() == null ? new StageInput.Failure("Unknown", "") : in.failure();
        return pipelines.get().recordFailure(in.runId(), f.error(), f.cause());
    }
}
