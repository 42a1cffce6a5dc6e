package lemon.mini.training;

/**
 * Test JVM settings, applied before the PyTorch engine starts: offline, and one libtorch thread.
 * Our test models are tiny, and on a small shared machine libtorch's default threads fight other
 * processes for the cores (we measured steps 10–20× slower that way).
 */
public final class TestEnv {
    private TestEnv() {}

    public static void init() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
