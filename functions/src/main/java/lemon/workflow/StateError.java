package lemon.workflow;

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

    static StateError fromTask(Throwable t) {
        if (t instanceof WorkflowError w) {
            return new StateError(w.errorName(), w.errorCause(), true);
        }
        String message = t.getMessage() != null ? t.getMessage() : t.toString();
        return new StateError(t.getClass().getSimpleName(), message, true);
    }
}
