package lemon.stage;

import java.util.Map;

/**
 * The small JSON every stage function returns and the workflow passes on: the run, the stage and
 * its iteration, what happened, and a few numbers worth printing. {@code status} is "done",
 * "reused" (the stage had already completed: idempotent retry or resume) or "rejected" (ingest only).
 */
public record StageResult(
        String runId, String stage, int iteration, String status, String message, Map<String, Object> summary) {
    public StageResult {
        summary = summary == null ? Map.of() : Map.copyOf(summary);
    }
}
