package lemon.workflow;

/**
 * Implemented by exceptions a task throws to report a named ASL error (e.g. {@code Lemon.Transient}),
 * which Retry and Catch match by name. Other exceptions are named by their simple class name.
 */
public interface WorkflowError {
    String errorName();

    String errorCause();
}
