package lemon.stage;

/**
 * A stage at one iteration of the refine loop: the ledger's key. Iteration 0 is written as the bare
 * stage name, so runs that never loop keep the manifest and the file keys they always had;
 * iteration {@code i > 0} is {@code name@i}, and its files live under {@code iterations/i/}.
 */
public record StageKey(String stage, int iteration) {
    static final String SEPARATOR = "@";
    static final String ITERATIONS = "iterations/";

    public StageKey {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be 0 or more, got " + iteration);
        }
    }

    public static StageKey parse(String key) {
        int at = key.lastIndexOf(SEPARATOR);
        return at < 0
                ? new StageKey(key, 0)
                : new StageKey(key.substring(0, at), Integer.parseInt(key.substring(at + 1)));
    }

    /** Where this iteration keeps {@code file} in the run folder. */
    public static String file(String file, int iteration) {
        return iteration == 0 ? file : ITERATIONS + iteration + "/" + file;
    }

    @Override
    public String toString() {
        return iteration == 0 ? stage : stage + SEPARATOR + iteration;
    }
}
