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
 * The zip as the trigger function runs it (QUARKUS_LAMBDA_HANDLER=upload-trigger), through Quarkus'
 * mock Lambda event server: an SQS batch in, a batch response out. The batch names nothing that would
 * reach Step Functions (a test event, an upload outside the tenants' folders), so no AWS is needed.
 */
@QuarkusTest
@TestProfile(UploadTriggerHandlerTest.Trigger.class)
class UploadTriggerHandlerTest {
    public static class Trigger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.lambda.handler", "upload-trigger",
                    "lemon.store", "s3://stories/runs",
                    "lemon.workflow.state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:lemon");
        }
    }

    @Test
    void anSqsBatchIsAnsweredWithTheMessagesToRetry() throws Exception {
        String outside =
                "{\\\"Records\\\": [{\\\"eventName\\\": \\\"ObjectCreated:Put\\\", \\\"s3\\\": {\\\"bucket\\\":"
                        + " {\\\"name\\\": \\\"stories\\\"}, \\\"object\\\": {\\\"key\\\": \\\"runs/uploads/x.txt\\\", \\\"size\\\": 5}}}]}";
        String batch = "{\"Records\": ["
                + "{\"messageId\": \"m1\", \"body\": \"{\\\"Service\\\": \\\"Amazon S3\\\", \\\"Event\\\": \\\"s3:TestEvent\\\"}\"},"
                + "{\"messageId\": \"m2\", \"body\": \"" + outside + "\"}]}";
        MockLambda.Reply reply = MockLambda.invoke(batch);
        assertEquals(200, reply.status(), reply.body());
        JsonNode response = Json.MAPPER.readTree(reply.body());
        assertTrue(response.has("batchItemFailures"), reply.body());
        assertEquals(0, response.get("batchItemFailures").size(), "nothing to retry: " + reply.body());
    }
}
