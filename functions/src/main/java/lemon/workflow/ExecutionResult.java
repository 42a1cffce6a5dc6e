package lemon.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** How an execution ended; {@code output} is set on success, {@code error}/{@code cause} on failure. */
public record ExecutionResult(Status status, JsonNode output, String error, String cause, List<StateRun> history) {
    public enum Status {
        SUCCEEDED,
        FAILED
    }

    /** One state visit; {@code error} is null unless the state ended in an error (caught or not). */
    public record StateRun(String name, String type, long startMillis, long endMillis, String error) {}

    public ExecutionResult {
        history = List.copyOf(history);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
