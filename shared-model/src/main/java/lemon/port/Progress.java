package lemon.port;

/**
 * Where a stage reports something the user should see while it waits, between the workflow's own
 * stage lines: an LLM call being retried, for instance. The CLI prints these lines under the
 * stage's progress line; elsewhere (a Lambda) they go to the log.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, message) -> {};

    /** Where nobody prints them (a Lambda, the HTTP functions): to the log, logger "lemon.progress". */
    Progress LOG = (stage, message) -> System.getLogger("lemon.progress")
            .log(System.Logger.Level.INFO, stage.isEmpty() ? message : stage + ": " + message);

    /**
     * @param stage the stage attempt the line is about ("analyze-story"), or "" outside a stage
     * @param message one line, no trailing newline
     */
    void report(String stage, String message);
}
