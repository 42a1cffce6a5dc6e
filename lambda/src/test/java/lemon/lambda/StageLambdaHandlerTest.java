package lemon.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import lemon.run.Json;
import lemon.stage.StageErrors;
import lemon.stage.analyze.AnalyzeStage;
import org.junit.jupiter.api.Test;

/**
 * The analyze-story function through the Lambda runtime's path (Quarkus' mock event server plays the
 * Lambda service): it answers with the stage's result, and a failure's error type is the contract's
 * name, which the ASL's Retry and Catch match, not a framework wrapper's.
 */
@QuarkusTest
class StageLambdaHandlerTest {
    @Inject
    LightPipeline pipelines;

    @Test
    void analyzesAStoredRunAndAnswersWithTheStageResult() throws Exception {
        String runId = MockLambda.ingestedRun(pipelines, "lambda");

        MockLambda.Reply reply = MockLambda.invoke("{\"runId\":\"" + runId + "\"}");
        assertEquals(200, reply.status(), reply.body());
        JsonNode result = Json.MAPPER.readTree(reply.body());
        assertEquals(AnalyzeStage.NAME, result.path("stage").asText());
        assertEquals("done", result.path("status").asText(), reply.body());
        assertTrue(pipelines.get().runs().blobs().exists(runId + "/" + AnalyzeStage.CHARACTERS));

        MockLambda.Reply again = MockLambda.invoke("{\"runId\":\"" + runId + "\"}");
        assertEquals("reused", Json.MAPPER.readTree(again.body()).path("status").asText(), again.body());
    }

    @Test
    void aBadRunIsAPermanentErrorNamedAsTheWorkflowCatchesIt() throws Exception {
        MockLambda.Reply reply = MockLambda.invoke("{\"runId\":\"no-such-run\"}");
        assertEquals(500, reply.status(), reply.body());
        JsonNode error = Json.MAPPER.readTree(reply.body());
        assertEquals(StageErrors.PERMANENT, error.path("errorType").asText(), reply.body());
        assertTrue(error.path("errorMessage").asText().contains("no-such-run"), reply.body());

        MockLambda.Reply noRun = MockLambda.invoke("{}");
        assertEquals(
                StageErrors.PERMANENT,
                Json.MAPPER.readTree(noRun.body()).path("errorType").asText());
        assertTrue(noRun.body().contains("no runId"), noRun.body());
    }
}
