package lemon.engine;

import ai.djl.pytorch.jni.JniUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lemon.mini.pipelines.MiniImageGenerator;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.port.ImageGenerator;

/**
 * Portraits per second of the lemon-mini generator under a few engine thread setups, alone and
 * with two runs at once, to show which setup survives a busy machine ({@code lemon bench-threads}).
 *
 * <p>Every run is a child JVM, because the OpenMP wait policy is an environment variable libgomp
 * reads once when libtorch loads, and DJL fixes the thread counts when its engine starts. A child
 * loads the model and warms it up, says it is ready, and waits; the parent starts the timed part
 * of both concurrent children together, so the two timed parts overlap.
 */
public final class ThreadsBenchmark {
    public static final int DEFAULT_PORTRAITS = 8;
    static final String READY = "bench-threads:ready";
    static final String RESULT = "bench-threads:result";
    private static final long CHILD_TIMEOUT_MIN = 15;
    private static final List<String> DESCRIPTIONS = List.of(
            "a young woman with red hair in a blue dress",
            "an old man with a white beard in a green robe",
            "a boy with short black hair in a yellow shirt",
            "a woman with long blond hair in a red coat");

    private ThreadsBenchmark() {}

    /**
     * One setup: engine threads and the wait policy the child is launched with (null = unset).
     * Spelled {@code <threads>[:<policy>]}: {@code 1:passive}, {@code 2:active}, {@code 2},
     * {@code pytorch} (libtorch's own
     * threads and no policy: what runs when nobody chooses).
     */
    public record Setup(EngineThreads.Settings settings, String waitPolicy) {
        /** What the launchers run by default: the default threads with the policy they export. */
        public static final Setup DEFAULT =
                new Setup(EngineThreads.Settings.DEFAULT, EngineThreads.DEFAULT_WAIT_POLICY);

        public static Setup parse(String spec) {
            String[] parts = spec.strip().split(":", -1);
            if (parts.length > 2 || parts[0].isBlank()) throw bad(spec);
            String policy = parts.length == 2 ? parts[1].strip().toUpperCase(Locale.ROOT) : null;
            if (policy != null && !policy.equals("PASSIVE") && !policy.equals("ACTIVE")) throw bad(spec);
            EngineThreads.Settings s;
            if (parts[0].strip().equalsIgnoreCase("pytorch")) {
                s = EngineThreads.Settings.PYTORCH_DEFAULT;
            } else {
                try {
                    // intra-op threads; inter-op keeps its default
                    s = EngineThreads.read(
                            key -> key.equals(EngineThreads.THREADS) ? Optional.of(parts[0]) : Optional.empty());
                } catch (IllegalArgumentException e) {
                    throw bad(spec);
                }
            }
            return new Setup(s, policy);
        }

        private static IllegalArgumentException bad(String spec) {
            return new IllegalArgumentException(
                    "a setup is <threads>[:passive|active], threads a number or 'pytorch', e.g. "
                            + "1:passive or pytorch; got '" + spec + "'");
        }

        /** The setup as {@link #parse} reads it. */
        public String spec() {
            return EngineThreads.Settings.text(settings.threads())
                    + (waitPolicy == null ? "" : ":" + waitPolicy.toLowerCase(Locale.ROOT));
        }

        String label() {
            return (settings.threads().isEmpty()
                            ? "pytorch default threads"
                            : "threads " + settings.threads().getAsInt() + ", interop "
                                    + EngineThreads.Settings.text(settings.interop()))
                    + ", OMP_WAIT_POLICY " + (waitPolicy == null ? "unset" : waitPolicy);
        }
    }

    /** Builds a child's command line from the JVM options that set its engine threads. */
    @FunctionalInterface
    public interface Launcher {
        List<String> command(List<String> jvmOptions);
    }

    /** Portraits per second: alone, and each of two concurrent runs. */
    public record Row(Setup setup, double alone, double runA, double runB) {
        public double perRun() {
            return (runA + runB) / 2;
        }

        public double ratio() {
            return perRun() / alone;
        }
    }

    /** Runs every setup, prints the table, and returns the rows. */
    public static List<Row> run(List<Setup> setups, int portraits, Launcher launcher, PrintStream out) {
        if (portraits < 1 || portraits > 64)
            throw new IllegalArgumentException("--portraits must be 1 to 64, got " + portraits);
        if (setups.isEmpty()) throw new IllegalArgumentException("no setups to measure");
        out.printf(
                Locale.ROOT,
                "bench-threads: %d portraits per run (lemon-mini, %s), %d cores, load average %.1f at start%n",
                portraits,
                PortraitPipeline.Sampling.DEFAULT,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<Row> rows = new ArrayList<>();
        for (Setup s : setups) {
            out.print("measuring " + s.label() + " … ");
            out.flush();
            double alone = runTogether(s, 1, portraits, launcher, out).get(0);
            List<Double> two = runTogether(s, 2, portraits, launcher, null);
            Row row = new Row(s, alone, two.get(0), two.get(1));
            rows.add(row);
            // each row as soon as it is measured, so a stopped run still shows what it found
            out.println(line(row));
        }
        out.println();
        out.println(header());
        for (Row r : rows) out.println(line(r));
        return rows;
    }

    static String header() {
        return String.format(
                Locale.ROOT,
                "%-52s %7s %17s %8s %14s",
                "setup (portraits/s)",
                "alone",
                "2 at once: A, B",
                "per run",
                "per run/alone");
    }

    static String line(Row r) {
        return String.format(
                Locale.ROOT,
                "%-52s %7.2f %8.2f, %6.2f %8.2f %13.0f%%",
                r.setup().label(),
                r.alone(),
                r.runA(),
                r.runB(),
                r.perRun(),
                100 * r.ratio());
    }

    /**
     * Starts n children with the setup, releases their timed parts together; portraits/s of each.
     * The engine line of the first child goes to {@code engineInfo} unless null.
     */
    static List<Double> runTogether(Setup s, int n, int portraits, Launcher launcher, PrintStream engineInfo) {
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) children.add(Child.start(s, launcher));
            for (Child c : children) {
                // what the engine really took, as the child reports it: proof the setup reached libtorch
                String ready = c.until(READY);
                if (engineInfo != null) engineInfo.println("engine says:" + ready.substring(READY.length()));
            }
            for (Child c : children) c.go(portraits);
            List<Double> rates = new ArrayList<>();
            for (Child c : children) rates.add(c.awaitResult());
            return rates;
        } finally {
            for (Child c : children) c.process.destroyForcibly();
        }
    }

    private static final class Child {
        final Process process;
        final BufferedReader lines;
        final Deque<String> tail = new ArrayDeque<>();

        private Child(Process process) {
            this.process = process;
            this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Child start(Setup s, Launcher launcher) {
            List<String> jvm = List.of(
                    "-D" + EngineThreads.THREADS + "="
                            + EngineThreads.Settings.text(s.settings().threads()),
                    "-D" + EngineThreads.INTEROP + "="
                            + EngineThreads.Settings.text(s.settings().interop()));
            ProcessBuilder pb = new ProcessBuilder(launcher.command(jvm)).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            // Only the setup decides: a thread count inherited from the caller would blur the comparison.
            env.remove("OMP_NUM_THREADS");
            env.remove("MKL_NUM_THREADS");
            if (s.waitPolicy() == null) env.remove(EngineThreads.WAIT_POLICY_ENV);
            else env.put(EngineThreads.WAIT_POLICY_ENV, s.waitPolicy());
            try {
                return new Child(pb.start());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot start a benchmark run " + pb.command() + ": " + e.getMessage(), e);
            }
        }

        /** Reads output until a line starting with the marker; keeps the last lines for errors. */
        String until(String marker) {
            CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith(marker)) return line;
                        if (tail.size() == 20) tail.removeFirst();
                        tail.addLast(line);
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String line;
            try {
                line = f.get(CHILD_TIMEOUT_MIN, TimeUnit.MINUTES);
            } catch (Exception e) {
                line = null;
            }
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("a benchmark run stopped before '" + marker + "'; its last output:\n  "
                        + String.join("\n  ", tail));
            }
            return line;
        }

        void go(int portraits) {
            try {
                Writer w = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
                w.write(portraits + "\n");
                w.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        double awaitResult() {
            String[] f = until(RESULT).split(" ");
            return Integer.parseInt(f[1]) / (Long.parseLong(f[2]) / 1e9);
        }
    }

    /**
     * The child's side: load and warm up the generator, report ready with the thread counts the
     * engine really took, wait for the portrait count on {@code in}, paint, report the time.
     */
    public static void child(BufferedReader in, PrintStream out) throws IOException {
        MiniImageGenerator generator = new MiniImageGenerator();
        generator.generate(requests(2, 1000));
        out.println(READY + " intra-op " + JniUtils.getNumThreads() + ", inter-op " + JniUtils.getNumInteropThreads()
                + ", " + EngineThreads.WAIT_POLICY_ENV + " "
                + java.util.Objects.requireNonNullElse(System.getenv(EngineThreads.WAIT_POLICY_ENV), "unset"));
        out.flush();
        String line = in.readLine();
        if (line == null) return;
        int portraits = Integer.parseInt(line.strip());
        long t0 = System.nanoTime();
        generator.generate(requests(portraits, 1));
        out.println(RESULT + " " + portraits + " " + (System.nanoTime() - t0));
        out.flush();
    }

    private static List<ImageGenerator.Request> requests(int n, long firstSeed) {
        List<ImageGenerator.Request> r = new ArrayList<>();
        for (int i = 0; i < n; i++)
            r.add(new ImageGenerator.Request(DESCRIPTIONS.get(i % DESCRIPTIONS.size()), firstSeed + i));
        return r;
    }
}
