package lemon.workflow;

/** Ready-made {@link WorkflowError}: throw it from a task to raise an ASL error by name. */
public class WorkflowException extends RuntimeException implements WorkflowError {
    private final String errorName;

    public WorkflowException(String errorName, String cause) {
        super(cause);
        this.errorName = errorName;
    }

    public WorkflowException(String errorName, String cause, Throwable origin) {
        super(cause, origin);
        this.errorName = errorName;
    }

    @Override
    public String errorName() {
        return errorName;
    }

    @Override
    public String errorCause() {
        return getMessage();
    }
}
