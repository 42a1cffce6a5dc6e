package lemon.stage;

import java.util.Map;

/**
 * The small JSON every stage function returns and the workflow passes on: the run, the stage and
 * its iteration, what happened, and a few numbers worth printing. {@code status} is "done",
 * "reused" (the stage had already completed: idempotent retry or resume) or "rejected" (ingest only).
 * {@code tenant} is the run's tenant, "" for none: always there, so the workflow's paths to it exist.
 */
public record StageResult(
        String runId,
        String stage,
        int iteration,
        String status,
        String message,
        Map<String, Object> summary,
        String tenant) {
    public StageResult {
        summary = summary == null ? Map.of() : Map.copyOf(summary);
        tenant = tenant == null ? "" : tenant;
    }

    /** A result outside any tenant. */
    public StageResult(
            String runId, String stage, int iteration, String status, String message, Map<String, Object> summary) {
        this(runId, stage, iteration, status, message, summary, "");
    }

    /** The same result for a tenant's run: the workflow passes the tenant on to the next state with it. */
    public StageResult withTenant(String t) {
        return new StageResult(runId, stage, iteration, status, message, summary, t);
    }
}
