package lemon.functions;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.pipeline.Pipeline;
import lemon.stage.publish.PublishStage;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.LoopStandIns;
import lemon.testing.TestRuns;
import lemon.workflow.ExecutionListener;
import lemon.workflow.ExecutionResult;
import lemon.workflow.LocalWorkflowRunner;
import org.junit.jupiter.api.Test;

/**
 * An execution the upload trigger starts (an upload key in the tenant's folder and the tenant) runs
 * the shipped workflow file, its container tasks included, entirely inside tenants/<tenant>/ (its upload in
 * uploads/<tenant>/).
 */
class TenantWorkflowTest {
    @Test
    void aTenantsExecutionRunsEveryStateInTheTenantsFolder() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        blobs.put("uploads/acme/id/story.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        Pipeline pipeline = TestPipelines.over(
                blobs,
                Pipeline.standard(
                        new OfflineAnalyst(),
                        new FirstPairsRetriever(),
                        new OfflineDescriber(),
                        new FixedImageGenerator(),
                        LoopStandIns.engines()));
        ObjectNode input = lemon.run.Json.MAPPER
                .createObjectNode()
                .put("runId", "acme-run")
                .put("uploadKey", "uploads/id/story.txt")
                .put("tenant", "acme")
                .put("scenes", 4)
                .put("portraits", 2)
                .put("iterations", 1);
        ExecutionResult result = new LocalWorkflowRunner(
                        LocalRun.workflow(),
                        new FunqDispatcher(new StageFunctions(PipelineProvider.of(pipeline))),
                        ExecutionListener.NONE)
                .run(input);
        assertTrue(result.succeeded(), result.error() + ": " + result.cause());
        assertEquals("acme", result.output().path("tenant").asText());
        assertTrue(blobs.get("tenants/acme/acme-run/" + PublishStage.STORYBOARD).isPresent());
        assertTrue(
                pipeline.forTenant("acme").runs().manifest("acme-run").stages().containsKey("refine"),
                "the loop's container stages found the run in the tenant's folder");
        assertFalse(pipeline.runs().exists("acme-run"), "nothing at the store's top");
    }
}
