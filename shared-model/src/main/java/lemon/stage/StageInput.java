package lemon.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the workflow hands every stage: the run and the refine loop's iteration (0 when absent), and
 * for ingest the upload and run options ({@code iterations} is the loop's cap, an option; {@code
 * iteration} the pass a stage runs in; {@code cast} the user's corrections to the cast, absent for none;
 * {@code budget} the run's cost cap in USD, absent for none; {@code tenant} whose run it is, absent or "" for
 * none: a tenant's runs and uploads live under {@code tenants/<tenant>/} of the store; {@code seed} the run
 * seed, absent for 0).
 * Unknown fields (a previous stage's summary) are ignored so states can pass their input on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageInput(
        String runId,
        Integer iteration,
        String uploadKey,
        Integer scenes,
        Integer topK,
        Integer portraits,
        Integer seedsPerScene,
        Integer iterations,
        String style,
        lemon.story.CastCorrections cast,
        Failure failure,
        Double budget,
        String tenant,
        Long seed) {
    /** Without a run seed (0). */
    public StageInput(
            String runId,
            Integer iteration,
            String uploadKey,
            Integer scenes,
            Integer topK,
            Integer portraits,
            Integer seedsPerScene,
            Integer iterations,
            String style,
            lemon.story.CastCorrections cast,
            Failure failure,
            Double budget,
            String tenant) {
        this(
                runId,
                iteration,
                uploadKey,
                scenes,
                topK,
                portraits,
                seedsPerScene,
                iterations,
                style,
                cast,
                failure,
                budget,
                tenant,
                null);
    }

    /** The object a Catch with {@code "ResultPath": "$.failure"} puts into the state. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(
            @JsonProperty("Error") String error,
            @JsonProperty("Cause") String cause) {}

    /** Ingest's run options: what the input gives, the defaults for the rest. */
    public lemon.run.RunOptions options() {
        lemon.run.RunOptions d = lemon.run.RunOptions.defaults();
        return new lemon.run.RunOptions(
                scenes == null ? d.scenes() : scenes,
                topK == null ? d.topK() : topK,
                portraits == null ? d.portraits() : portraits,
                seedsPerScene == null ? d.seedsPerScene() : seedsPerScene,
                iterations == null ? d.iterations() : iterations,
                style == null ? d.style() : style,
                cast,
                budget,
                seed == null ? 0 : seed);
    }

    /** The refine loop's pass this stage runs in (0 when the input names none). */
    public int iterationOrZero() {
        return iteration == null ? 0 : iteration;
    }

    public String requireRunId() {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("the stage input has no runId");
        }
        return runId;
    }
}
