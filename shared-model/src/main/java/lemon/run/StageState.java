package lemon.run;

import java.util.List;

/** Where one stage of a run stands, with timings and the keys it wrote. */
public record StageState(
        Status status, String startedAt, String finishedAt, Long millis, List<String> outputs, String error) {
    public enum Status {
        PENDING,
        RUNNING,
        DONE,
        FAILED
    }

    public StageState {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    public static StageState running(String startedAt) {
        return new StageState(Status.RUNNING, startedAt, null, null, List.of(), null);
    }

    public static StageState pending() {
        return new StageState(Status.PENDING, null, null, null, List.of(), null);
    }
}
