package lemon.run;

/**
 * Options fixed when a run is created; later stages and resumes read them from the manifest so a
 * resumed run computes exactly what the first attempt would have.
 */
public record RunOptions(int scenes, int topK, int portraits) {
    public static final int DEFAULT_SCENES = 30;
    public static final int DEFAULT_TOP_K = 3;
    /** O, portraits per character; the paper uses 5. */
    public static final int DEFAULT_PORTRAITS = 5;

    public RunOptions {
        if (portraits == 0) {
            portraits = DEFAULT_PORTRAITS; // manifests written before portraits existed
        }
        if (portraits < 1 || portraits > 20) {
            throw new IllegalArgumentException("portraits per character must be between 1 and 20, got " + portraits);
        }
        if (scenes < 1 || scenes > 200) {
            throw new IllegalArgumentException("scenes must be between 1 and 200, got " + scenes);
        }
        if (topK < 1 || topK > 20) {
            throw new IllegalArgumentException("top-K must be between 1 and 20, got " + topK);
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_SCENES, DEFAULT_TOP_K, DEFAULT_PORTRAITS);
    }
}
