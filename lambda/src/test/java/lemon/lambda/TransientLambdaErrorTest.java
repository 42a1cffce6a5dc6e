package lemon.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import lemon.run.Json;
import lemon.stage.StageErrors;
import org.junit.jupiter.api.Test;

/** An LLM that answers 503 makes analyze-story fail with the name the workflow retries. */
@QuarkusTest
@TestProfile(UnavailableLlm.Profile.class)
class TransientLambdaErrorTest {
    @Inject
    LightPipeline pipelines;

    @Test
    void anOverloadedLlmIsATransientErrorThroughTheLambdaPath() throws Exception {
        String runId = MockLambda.ingestedRun(pipelines, "overloaded");

        MockLambda.Reply reply = MockLambda.invoke("{\"runId\":\"" + runId + "\"}");
        assertEquals(500, reply.status(), reply.body());
        JsonNode error = Json.MAPPER.readTree(reply.body());
        assertEquals(StageErrors.TRANSIENT, error.path("errorType").asText(), reply.body());
        assertEquals("Lemon.Transient", error.path("errorType").asText(), "the name the ASL's Retry blocks list");
        assertTrue(error.path("errorMessage").asText().contains("503"), reply.body());
    }
}
