package lemon.run;

import java.util.List;

/**
 * Where one stage of a run stands, with timings, the keys it wrote and, once done, the summary it
 * returned (a reused stage returns it again: the workflow's Choice states read it).
 */
public record StageState(
        Status status,
        String startedAt,
        String finishedAt,
        Long millis,
        List<String> outputs,
        String error,
        java.util.Map<String, Object> summary,
        /** What the attempt used beyond its time (LLM tokens), for the run's cost; empty for none. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        java.util.Map<String, Long> usage) {
    public enum Status {
        PENDING,
        RUNNING,
        DONE,
        FAILED
    }

    public StageState {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        summary = summary == null
                ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(summary));
        usage = usage == null
                ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(usage));
    }

    public StageState(
            Status status,
            String startedAt,
            String finishedAt,
            Long millis,
            List<String> outputs,
            String error,
            java.util.Map<String, Object> summary) {
        this(status, startedAt, finishedAt, millis, outputs, error, summary, null);
    }

    public StageState(
            Status status, String startedAt, String finishedAt, Long millis, List<String> outputs, String error) {
        this(status, startedAt, finishedAt, millis, outputs, error, null);
    }

    public static StageState running(String startedAt) {
        return new StageState(Status.RUNNING, startedAt, null, null, List.of(), null);
    }

    public static StageState pending() {
        return new StageState(Status.PENDING, null, null, null, List.of(), null);
    }
}
