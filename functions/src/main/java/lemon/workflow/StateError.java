package lemon.workflow;

import lemon.port.TransientFailure;

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
     * The ASL error a task's exception raises: a {@link WorkflowError} names itself; a
     * {@link TransientFailure} anywhere in the cause chain is {@value TransientFailure#ERROR_NAME};
     * anything else is named by its simple class name.
     */
    static StateError fromTask(Throwable t) {
        if (t instanceof WorkflowError w) {
            return new StateError(w.errorName(), w.errorCause(), true);
        }
        TransientFailure transientFailure = TransientFailure.in(t);
        if (transientFailure != null) {
            String message = transientFailure.getMessage() != null
                    ? transientFailure.getMessage()
                    : TransientFailure.rootMessage(transientFailure);
            return new StateError(TransientFailure.ERROR_NAME, message, true);
        }
        String message = t.getMessage() != null ? t.getMessage() : t.toString();
        return new StateError(t.getClass().getSimpleName(), message, true);
    }
}
