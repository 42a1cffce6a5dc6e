package lemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import lemon.functions.FunqDispatcher;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.run.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * One stage function on a stored run, with the same JSON in and out as a workflow Task. This is
 * what a container task runs: the GPU image starts {@code lemon stage personalize <runId>
 * --iteration 1 --store s3://…} and the stage reads and writes the run through the store like any other.
 */
@Command(
        name = "stage",
        description = "Run one stage function on a stored run (what a GPU container task executes); "
                + "prints the stage's JSON result.")
public class StageCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FUNCTION", description = "a stage function, e.g. generate-portraits")
    String function;

    @Parameters(index = "1", paramLabel = "RUN_ID")
    String runId;

    @picocli.CommandLine.Option(
            names = "--iteration",
            paramLabel = "K",
            description = "the refine loop's pass (0, the default, outside the loop)")
    int iteration;

    @picocli.CommandLine.Option(
            names = "--tenant",
            paramLabel = "TENANT",
            description = "whose run it is: the run lives under tenants/TENANT/ of the store (blank: the store itself)")
    String tenant;

    @Mixin
    CommonOptions common;

    @Inject
    PipelineProvider configured;

    @Override
    public Integer call() throws Exception {
        var known = FunqDispatcher.functionNames(StageFunctions.class);
        if (!known.contains(function)) {
            System.err.println("lemon: no stage function '" + function + "'; known: " + String.join(", ", known));
            return 2;
        }
        if (tenant != null && !tenant.isBlank()) {
            try {
                lemon.upload.UploadSlot.checkTenant(tenant);
            } catch (IllegalArgumentException e) {
                System.err.println("lemon: " + e.getMessage());
                return 2;
            }
        }
        PipelineProvider provider = common.storedRun(configured, runId, tenant);
        if (provider == null) {
            return 2;
        }
        if (iteration < 0) {
            System.err.println("lemon: --iteration must be ≥ 0, got " + iteration);
            return 2;
        }
        JsonNode input = Json.MAPPER
                .createObjectNode()
                .put("runId", runId)
                .put("iteration", iteration)
                .put("tenant", tenant == null ? "" : tenant);
        // an engine task's lines also go to the run's progress.json, where the runs API shows the latest
        var progress = new lemon.run.RunProgressFile(
                provider.get().runs(), runId, (stage, line) -> System.err.println(line), java.time.Clock.systemUTC());
        JsonNode result = lemon.port.StageProgress.within(
                progress, function, () -> new FunqDispatcher(new StageFunctions(provider)).invoke(function, input));
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return "failed".equals(result.path("status").asText()) ? 1 : 0;
    }
}
