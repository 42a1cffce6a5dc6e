package lemon.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Function;

/**
 * How many threads the PyTorch engine (DJL) uses, set on purpose rather than left to libtorch,
 * which takes one intra-op thread per core and lets OpenMP spin while it waits. On a small machine
 * shared with other busy processes that default collapses: {@code lemon generate -n 16} took
 * 117–148 s instead of 14–16 s with one thread. {@code lemon bench-threads} measures the choice.
 *
 * <p>Settings: {@value #THREADS} (intra-op) and {@value #INTEROP}, each a positive number or
 * {@code pytorch} (leave it to libtorch); intra-op also {@code auto}, the default: one thread per
 * core when waiting threads sleep ({@code OMP_WAIT_POLICY=PASSIVE}), else one thread. Measured:
 * two threads that spin were 10–20× slower on a busy 2-core machine than the same two threads
 * with PASSIVE, which were the fastest setup alone and with two runs at once; one thread does not
 * depend on the policy. Inter-op defaults to 1 (our models run op by op). They reach DJL as the system properties it reads when
 * its PyTorch engine starts, so {@link #apply} must run before anything touches the engine: the
 * Quarkus startup (CLI and functions) does it first. The OpenMP wait policy is the environment
 * variable {@code OMP_WAIT_POLICY}, read by libgomp when libtorch loads, so only a launcher can
 * set it (the {@code lemon} script and the Maven test configuration do).
 */
public final class EngineThreads {
    public static final String THREADS = "lemon.engine.threads";
    public static final String INTEROP = "lemon.engine.interop-threads";
    /** The intra-op default, chosen by measurement ({@code lemon bench-threads}, README): see the class comment. */
    public static final String AUTO = "auto";
    public static final int DEFAULT_INTEROP = 1;
    /** What DJL's PtEngine reads when it starts. */
    static final String DJL_THREADS = "ai.djl.pytorch.num_threads";
    static final String DJL_INTEROP = "ai.djl.pytorch.num_interop_threads";
    public static final String WAIT_POLICY_ENV = "OMP_WAIT_POLICY";
    /** What the launchers export unless the caller set it (measured like the thread counts). */
    public static final String DEFAULT_WAIT_POLICY = "PASSIVE";
    private static final String PYTORCH = "pytorch";
    private static final int MAX_THREADS = 1024;

    /** Empty = libtorch's own choice. */
    public record Settings(OptionalInt threads, OptionalInt interop) {
        public static final Settings PYTORCH_DEFAULT = new Settings(OptionalInt.empty(), OptionalInt.empty());

        @Override
        public String toString() {
            return "intra-op " + text(threads) + ", inter-op " + text(interop);
        }

        /** The value as the settings spell it: a number or {@code pytorch}. */
        public static String text(OptionalInt n) {
            return n.isPresent() ? String.valueOf(n.getAsInt()) : PYTORCH;
        }
    }

    private EngineThreads() {}

    /**
     * Reads the two settings from {@code config} (key → value if set); unset keys take the
     * defaults, {@code auto} going by this process's {@code OMP_WAIT_POLICY}. Bad values are
     * rejected with a message naming the key.
     */
    public static Settings read(Function<String, Optional<String>> config) {
        return read(config, System.getenv(WAIT_POLICY_ENV));
    }

    /** As {@link #read(Function)}, for a process launched with {@code waitPolicy} (null = unset). */
    public static Settings read(Function<String, Optional<String>> config, String waitPolicy) {
        Optional<String> threads = config.apply(THREADS).filter(v -> !v.isBlank());
        boolean auto = threads.isEmpty() || threads.get().strip().equalsIgnoreCase(AUTO);
        int autoThreads = passive(waitPolicy) ? Runtime.getRuntime().availableProcessors() : 1;
        return new Settings(auto ? OptionalInt.of(autoThreads) : parse(THREADS, threads, autoThreads),
            parse(INTEROP, config.apply(INTEROP), DEFAULT_INTEROP));
    }

    static boolean passive(String waitPolicy) {
        return waitPolicy != null && waitPolicy.strip().equalsIgnoreCase("PASSIVE");
    }

    /** System properties first, then environment variables ({@code LEMON_ENGINE_THREADS}). */
    public static Function<String, Optional<String>> systemConfig() {
        return key -> Optional.ofNullable(System.getProperty(key))
            .or(() -> Optional.ofNullable(System.getenv(envName(key))));
    }

    /** {@code lemon.engine.interop-threads} → {@code LEMON_ENGINE_INTEROP_THREADS}, as MicroProfile Config maps it. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static OptionalInt parse(String key, Optional<String> raw, int fallback) {
        if (raw.isEmpty() || raw.get().isBlank()) return OptionalInt.of(fallback);
        String v = raw.get().strip();
        if (v.equalsIgnoreCase(PYTORCH)) return OptionalInt.empty();
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_THREADS) return OptionalInt.of(n);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number of threads from 1 to " + MAX_THREADS
            + (key.equals(THREADS) ? ", 'auto'" : "") + " or 'pytorch' (libtorch's default, one per core), got '" + v + "'");
    }

    /** Reads the system configuration and applies it; returns what was applied. */
    public static Settings applyFromSystem() {
        Settings s = read(systemConfig());
        apply(s);
        return s;
    }

    /**
     * Hands the settings to DJL. Must run before the PyTorch engine starts: libtorch fixes its
     * inter-op pool with its first parallel work, and DJL reads these properties only then.
     */
    public static void apply(Settings s) {
        apply(s, System.getProperties());
    }

    static void apply(Settings s, Properties target) {
        set(target, DJL_THREADS, s.threads());
        set(target, DJL_INTEROP, s.interop());
    }

    private static void set(Properties target, String key, OptionalInt n) {
        if (n.isPresent()) target.setProperty(key, String.valueOf(n.getAsInt()));
        else target.remove(key);
    }

    /** One line for logs: the settings and the wait policy the launcher gave. */
    public static String describe(Settings s) {
        String policy = System.getenv(WAIT_POLICY_ENV);
        return "PyTorch threads: " + s + ", " + WAIT_POLICY_ENV + " " + (policy == null ? "unset" : policy);
    }

    /**
     * A warning when more than one intra-op thread runs without {@code OMP_WAIT_POLICY=PASSIVE}:
     * then waiting OpenMP threads spin, and on a busy machine that was 10–20× slower (README).
     */
    public static Optional<String> waitPolicyWarning(Settings s, String policy) {
        boolean oneThread = s.threads().isPresent() && s.threads().getAsInt() == 1;
        if (oneThread || passive(policy)) return Optional.empty();
        return Optional.of("PyTorch runs " + (s.threads().isPresent() ? s.threads().getAsInt() : "one per core")
            + " intra-op threads with " + WAIT_POLICY_ENV + " " + (policy == null ? "unset" : policy)
            + ": on a busy machine its spinning threads were 10-20x slower; export " + WAIT_POLICY_ENV
            + "=PASSIVE before the JVM starts (the lemon script does) or leave " + THREADS + " at auto");
    }
}
