package lemon.workflow;

import lemon.stage.StageErrors;

/**
 * An ASL error raised while a state runs. {@code catchable} is false for {@code States.Runtime}
 * (bad paths, wrong input shapes) and the runner's own limits: like Step Functions, those fail the
 * execution without consulting Retry or Catch.
 */
final class StateError extends Exception {
    static final String RUNTIME = "States.Runtime";

    final String error;
    final String cause;
    final boolean catchable;

    StateError(String error, String cause, boolean catchable) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.catchable = catchable;
    }

    static StateError runtime(String cause) {
        return new StateError(RUNTIME, cause, false);
    }

    /**
     * The ASL error a task's exception raises: a {@link WorkflowError} names itself; anything else is
     * named by the error contract that the Lambda handler follows too ({@link StageErrors}).
     */
    static StateError fromTask(Throwable t) {
        if (t instanceof WorkflowError w) {
            return new StateError(w.errorName(), w.errorCause(), true);
        }
        return new StateError(StageErrors.name(t), StageErrors.cause(t), true);
    }
}
