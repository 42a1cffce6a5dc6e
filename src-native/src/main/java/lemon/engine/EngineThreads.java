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
 * {@code pytorch} (leave it to libtorch); both default to 1. Measured on 2 cores: libtorch's
 * default was the fastest alone but fell to 18–25% of that per run with two runs at once, and to
 * a tenth beside other busy processes; one thread kept 49–94% and needs no wait policy (it never
 * waits for another thread); two threads with PASSIVE were slower alone on a quiet machine and
 * only ahead when the machine was crowded. They reach DJL as the system properties it reads when
 * its PyTorch engine starts, so {@link #apply} must run before anything touches the engine: the
 * Quarkus startup (CLI and functions) does it first. The OpenMP wait policy is the environment
 * variable {@code OMP_WAIT_POLICY}, read by libgomp when libtorch loads, so only a launcher can
 * set it (the {@code lemon} script and the Maven test configuration do).
 */
public final class EngineThreads {
    public static final String THREADS = "lemon.engine.threads";
    public static final String INTEROP = "lemon.engine.interop-threads";
    /** Chosen by measurement ({@code lemon bench-threads}, README): see the class comment. */
    public static final int DEFAULT_THREADS = 1;

    public static final int DEFAULT_INTEROP = 1;
    /** What DJL's PtEngine reads when it starts. */
    static final String DJL_THREADS = "ai.djl.pytorch.num_threads";

    static final String DJL_INTEROP = "ai.djl.pytorch.num_interop_threads";
    public static final String WAIT_POLICY_ENV = "OMP_WAIT_POLICY";
    /** What the launchers export unless the caller set it: harmless for one thread, vital for more. */
    public static final String DEFAULT_WAIT_POLICY = "PASSIVE";

    /**
     * The OpenMP team a thread gets when it did not start the engine: stages run on pooled task threads, and
     * oneDNN's kernels size their team from the calling thread's OpenMP setting, which only the engine's own
     * thread has from {@value #THREADS}; elsewhere it is this variable or one thread per core. A team of
     * another size sums in another order, so the same run painted and trained a few thousandths apart
     * depending on which thread ran a stage (a resumed run's second pass differed from an uninterrupted one).
     */
    public static final String TEAM_ENV = "OMP_NUM_THREADS";

    /** Read by oneDNN, libtorch's CPU convolution library, when it first runs: again only a launcher can set it. */
    public static final String ONEDNN_ISA_ENV = "ONEDNN_MAX_CPU_ISA";
    /** What the launchers export unless the caller set it (see {@link #isaWarning}). */
    public static final String DEFAULT_ONEDNN_ISA = "AVX";

    private static final String PYTORCH = "pytorch";
    private static final int MAX_THREADS = 1024;

    /** Empty = libtorch's own choice. */
    public record Settings(OptionalInt threads, OptionalInt interop) {
        public static final Settings DEFAULT =
                new Settings(OptionalInt.of(DEFAULT_THREADS), OptionalInt.of(DEFAULT_INTEROP));
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
     * defaults. Bad values are rejected with a message naming the key.
     */
    public static Settings read(Function<String, Optional<String>> config) {
        return new Settings(
                parse(THREADS, config.apply(THREADS), DEFAULT_THREADS),
                parse(INTEROP, config.apply(INTEROP), DEFAULT_INTEROP));
    }

    static boolean passive(String waitPolicy) {
        return waitPolicy != null && waitPolicy.strip().equalsIgnoreCase("PASSIVE");
    }

    /** System properties first, then environment variables ({@code LEMON_ENGINE_THREADS}). */
    public static Function<String, Optional<String>> systemConfig() {
        return key ->
                Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(System.getenv(envName(key))));
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
                + " or 'pytorch' (libtorch's default, one per core), got '" + v + "'");
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
        return Optional.of(
                "PyTorch runs " + (s.threads().isPresent() ? s.threads().getAsInt() : "one per core")
                        + " intra-op threads with " + WAIT_POLICY_ENV + " " + (policy == null ? "unset" : policy)
                        + ": on a busy machine its spinning threads were 10-20x slower; export " + WAIT_POLICY_ENV
                        + "=PASSIVE before the JVM starts (the lemon script does) or leave " + THREADS + " at 1");
    }

    /**
     * A warning when {@value #TEAM_ENV} does not match the intra-op threads: then a stage's numbers depend
     * on the thread it happens to run on (see {@link #TEAM_ENV}).
     */
    public static Optional<String> teamWarning(Settings s, String team) {
        String want = s.threads().isPresent() ? String.valueOf(s.threads().getAsInt()) : null;
        if (want == null || want.equals(team == null ? null : team.strip())) return Optional.empty();
        return Optional.of(TEAM_ENV + " is " + (team == null ? "unset" : team) + " but " + THREADS + " is " + want
                + ": stages run on pooled threads, which size oneDNN's team from " + TEAM_ENV
                + ", so a run's pictures and tokens can differ by which thread ran them; export " + TEAM_ENV + "="
                + want + " before the JVM starts (the lemon script exports 1)");
    }

    /**
     * A warning when the CPU has AVX2 and nothing caps oneDNN. libtorch 2.7.1's oneDNN (3.7.1) computes
     * a convolution's input gradient wrongly with its AVX2 and AVX-512 kernels when the output channels
     * are not a multiple of their vector block (8 or 16: the UNet's 3-channel output, the upsampler's
     * 12): now and then NaN, in 10–25% of the backward passes measured on an AMD EPYC (Zen 5), from
     * leftover memory, so a training run skips steps at random and no two runs agree. Capped at AVX
     * (or SSE4.1) none in thousands, and portraits were painted as fast (README, "Engine threads").
     */
    public static Optional<String> isaWarning(String isa, java.util.function.BooleanSupplier cpuHasAvx2) {
        // the CPU's flags are read only when nothing caps the library: most starts never read them
        if ((isa != null && !isa.isBlank()) || !cpuHasAvx2.getAsBoolean()) return Optional.empty();
        return Optional.of("this CPU has AVX2 and " + ONEDNN_ISA_ENV + " is unset: oneDNN's AVX2/AVX-512 convolution"
                + " gradients come out NaN now and then, so training may skip steps or fail; export "
                + ONEDNN_ISA_ENV + "=" + DEFAULT_ONEDNN_ISA + " before the JVM starts (the lemon script does)");
    }

    /** Whether {@code /proc/cpuinfo} lists avx2; false where it cannot be read (not Linux). */
    public static boolean cpuHasAvx2() {
        try {
            return cpuFlagsHaveAvx2(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean cpuFlagsHaveAvx2(String cpuinfo) {
        return cpuinfo.lines()
                .filter(l -> l.startsWith("flags"))
                .anyMatch(l -> java.util.Arrays.asList(l.split("[\\s:]+")).contains("avx2"));
    }
}
