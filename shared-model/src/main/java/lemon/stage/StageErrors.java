package lemon.stage;

import lemon.port.TransientFailure;

/**
 * The workflow's error contract: every failure of a stage is one of two names, the same whether the
 * local runner or Step Functions reads it, so the ASL file's Retry and Catch blocks mean one thing
 * in both places. Transient when a {@link TransientFailure} is anywhere in the cause chain;
 * permanent otherwise. The message keeps the original exception's type and message.
 */
public final class StageErrors {
    public static final String TRANSIENT = Lemon.Transient.class.getName();
    public static final String PERMANENT = Lemon.Permanent.class.getName();

    private StageErrors() {}

    /** The error name of {@code t}. */
    public static String name(Throwable t) {
        return TransientFailure.in(t) != null ? TRANSIENT : PERMANENT;
    }

    /** What a stage's failure says: a transient failure's own message, else the original type and message. */
    public static String cause(Throwable t) {
        TransientFailure f = TransientFailure.in(t);
        if (f != null) {
            return f.getMessage() != null ? f.getMessage() : TransientFailure.rootMessage(f);
        }
        return t.getClass().getSimpleName() + ": "
                + (t.getMessage() != null ? t.getMessage() : TransientFailure.rootMessage(t));
    }

    /**
     * A failure as a person reads it. A container task's failure ({@code States.TaskFailed}) carries
     * the whole stopped ECS task as its cause: this keeps its container's exit code and reason (where
     * the local runner puts the stage's own error) or the task's stopped reason. Anything else as is.
     */
    public static String readable(String error, String cause) {
        if (!"States.TaskFailed".equals(error) || cause == null || !cause.startsWith("{")) {
            return cause;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode task = lemon.run.Json.MAPPER.readTree(cause);
            com.fasterxml.jackson.databind.JsonNode container =
                    task.path("Containers").path(0);
            String reason =
                    container.path("Reason").asText(task.path("StoppedReason").asText("stopped"));
            return container.has("ExitCode")
                    ? "exit " + container.get("ExitCode").asInt() + ": " + reason
                    : reason;
        } catch (java.io.IOException e) {
            return cause;
        }
    }

    /** {@code t} as the exception a Lambda handler throws, whose class name is the error name. */
    public static RuntimeException asThrown(Throwable t) {
        if (t instanceof Lemon.Transient || t instanceof Lemon.Permanent) {
            return (RuntimeException) t;
        }
        return TransientFailure.in(t) != null ? new Lemon.Transient(cause(t), t) : new Lemon.Permanent(cause(t), t);
    }
}
