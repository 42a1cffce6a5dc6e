package lemon.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one workflow function ("analyze-story") locally; what a Lambda invocation is in AWS. */
@FunctionalInterface
public interface TaskDispatcher {
    JsonNode invoke(String functionName, JsonNode input) throws Exception;
}
