package lemon.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Progress callbacks of a {@link LocalWorkflowRunner}; states inside a Map iteration are reported
 * too, under their own names (from the iteration's thread when Map iterations run in parallel, but
 * never two calls at once). All methods default to doing nothing.
 */
public interface ExecutionListener {
    ExecutionListener NONE = new ExecutionListener() {};

    default void stateEntered(String name, String type, JsonNode input) {}

    default void stateExited(String name, JsonNode output, long millis) {}

    /** The state ended in an error, after any retries; a Catch may still route it onwards. */
    default void stateFailed(String name, String error, String cause) {}

    /** {@code attempt} counts retries of this state, from 1. */
    default void retrying(String name, int attempt, String error) {}
}
