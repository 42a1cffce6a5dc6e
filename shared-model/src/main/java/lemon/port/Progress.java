package lemon.port;

/**
 * Where a stage reports something the user should see while it waits, between the workflow's own
 * stage lines: an LLM call being retried, for instance. The CLI prints these lines under the
 * stage's progress line; elsewhere (a Lambda) they go to the log.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, message) -> {};

    /**
     * @param stage the stage attempt the line is about ("analyze-story"), or "" outside a stage
     * @param message one line, no trailing newline
     */
    void report(String stage, String message);
}
