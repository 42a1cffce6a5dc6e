package lemon.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import lemon.run.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zip as the upload API's function runs it (QUARKUS_LAMBDA_HANDLER=upload-url), through Quarkus'
 * mock Lambda event server: an API Gateway HTTP API event with the JWT authoriser's claims in, an HTTP
 * response out. A form is only signed (no options, so nothing is written), so no AWS is needed.
 */
@QuarkusTest
@TestProfile(UploadUrlHandlerTest.UploadUrl.class)
class UploadUrlHandlerTest {
    public static class UploadUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "upload-url", "lemon.store", "s3://stories/runs");
        }
    }

    @BeforeAll
    static void credentials() { // what the function's role gives it on AWS
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static String event(String claims, String body) {
        return "{\"version\": \"2.0\", \"routeKey\": \"POST /upload-url\", \"rawPath\": \"/upload-url\","
                + " \"requestContext\": {\"authorizer\": {\"jwt\": {\"claims\": " + claims + ", \"scopes\": null}},"
                + " \"http\": {\"method\": \"POST\", \"path\": \"/upload-url\"}},"
                + " \"body\": " + Json.MAPPER.valueToTree(body) + ", \"isBase64Encoded\": false}";
    }

    @Test
    void theTokensTenantGetsAFormForItsOwnUploads() throws Exception {
        MockLambda.Reply reply =
                MockLambda.invoke(event("{\"custom:tenant\": \"acme\"}", "{\"fileName\": \"tale.md\"}"));
        assertEquals(200, reply.status(), reply.body());
        JsonNode response = Json.MAPPER.readTree(reply.body());
        assertEquals(200, response.path("statusCode").asInt(), reply.body());
        JsonNode body = Json.MAPPER.readTree(response.path("body").asText());
        assertEquals("ready", body.path("status").asText(), reply.body());
        assertTrue(body.path("form").path("key").asText().startsWith("uploads/acme/"), reply.body());

        MockLambda.Reply anonymous = MockLambda.invoke(event("{\"sub\": \"u-1\"}", "{\"fileName\": \"tale.md\"}"));
        assertEquals(
                401, Json.MAPPER.readTree(anonymous.body()).path("statusCode").asInt(), anonymous.body());
    }
}
