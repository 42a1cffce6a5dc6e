package lemon.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import lemon.run.Json;
import org.junit.jupiter.api.Test;

/**
 * The zip as the runs API's function runs it (QUARKUS_LAMBDA_HANDLER=runs), through Quarkus' mock Lambda
 * event server: the page and its config.json without a token, and a call without the tenant claim refused
 * before anything reaches AWS (the store and Step Functions are only built at the first real call).
 */
@QuarkusTest
@TestProfile(RunsHandlerTest.Runs.class)
class RunsHandlerTest {
    public static class Runs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.lambda.handler", "runs",
                    "lemon.store", "s3://stories/runs",
                    "lemon.workflow.state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:lemon");
        }
    }

    static String event(String method, String path, String claims) {
        return "{\"version\": \"2.0\", \"routeKey\": \"" + method + " " + path + "\", \"rawPath\": \"" + path + "\","
                + " \"requestContext\": {"
                + (claims == null ? "" : "\"authorizer\": {\"jwt\": {\"claims\": " + claims + ", \"scopes\": null}},")
                + " \"http\": {\"method\": \"" + method + "\", \"path\": \"" + path + "\"}},"
                + " \"isBase64Encoded\": false}";
    }

    static JsonNode response(String event) throws Exception {
        MockLambda.Reply reply = MockLambda.invoke(event);
        assertEquals(200, reply.status(), reply.body());
        return Json.MAPPER.readTree(reply.body());
    }

    @Test
    void thePageIsServedAndACallWithoutATenantIsRefused() throws Exception {
        JsonNode page = response(event("GET", "/", null));
        assertEquals(200, page.path("statusCode").asInt());
        assertTrue(page.path("body").asText().contains("<title>LeMon"), page.toString());
        JsonNode config = Json.MAPPER.readTree(
                response(event("GET", "/config.json", null)).path("body").asText());
        assertTrue(config.path("deployment").asBoolean(), config.toString());
        assertTrue(config.path("maxBytes").asLong() > 0, config.toString());

        JsonNode anonymous = response(event("GET", "/runs", "{\"sub\": \"u-1\"}"));
        assertEquals(401, anonymous.path("statusCode").asInt(), anonymous.toString());
    }
}
