package lemon.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import lemon.upload.RunStarter;
import org.junit.jupiter.api.Test;

/** The trigger's handling of an SQS batch, Step Functions stood in for. */
class UploadTriggerLambdaTest {
    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }

    static String upload(String file) {
        return "{\"Records\": [{\"eventName\": \"ObjectCreated:Post\", \"s3\": {\"bucket\": {\"name\": \"stories\"},"
                + " \"object\": {\"key\": \"runs/uploads/acme/id/" + file
                + "\", \"size\": 100, \"eTag\": \"e\"}}}]}";
    }

    @Test
    void aBatchStartsItsUploadsAndHandsBackOnlyWhatMayWorkLater() {
        List<String> started = new ArrayList<>();
        RunStarter.Executions stepFunctions = (name, input) -> {
            if (input.contains("throttled.txt")) throw new IllegalStateException("ThrottlingException: Rate exceeded");
            started.add(input);
            return true;
        };
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                message("m1", upload("a.txt")),
                message("m2", upload("throttled.txt")),
                message("m3", "not a notification"),
                message("m4", "{\"Event\": \"s3:TestEvent\"}")));
        SQSBatchResponse response = new UploadTriggerLambda(new RunStarter("stories", "runs", 1000, stepFunctions))
                .handleRequest(event, null);
        assertEquals(
                List.of("m2"),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList(),
                "only the throttled message comes back; garbage and test events are consumed");
        assertEquals(1, started.size());
        assertTrue(started.get(0).contains("\"uploadKey\":\"uploads/id/a.txt\""), started.get(0));
    }
}
