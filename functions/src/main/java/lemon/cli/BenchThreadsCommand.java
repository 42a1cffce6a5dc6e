package lemon.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lemon.engine.EngineThreads;
import lemon.engine.ThreadsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Portraits per second under engine thread setups, alone and two at once; each run is a child JVM of this CLI. */
@Command(
        name = "bench-threads",
        description =
                "Portraits per second of the lemon-mini generator alone and with two runs at once, for the default "
                        + "engine threads, two threads with OMP_WAIT_POLICY=PASSIVE, and PyTorch's own (benchmark; a minute or "
                        + "two on a quiet machine).")
public class BenchThreadsCommand implements Callable<Integer> {
    static final String NAME = "bench-threads";
    /** Per run, under two runs at once, against alone: the acceptance target for the default setup. */
    static final double TARGET_RATIO = 0.40;

    @Option(
            names = "--portraits",
            defaultValue = "" + ThreadsBenchmark.DEFAULT_PORTRAITS,
            description = "portraits per run, one batch (default 8)")
    int portraits;

    @Option(
            names = "--setups",
            split = ",",
            paramLabel = "SETUP",
            description =
                    "setups to measure, <threads>[:passive|active] or pytorch, e.g. 1:passive,2:passive,2:active,pytorch "
                            + "(default: 1:passive as ./lemon runs, 2:passive, pytorch)")
    List<String> setups;

    @Option(
            names = "--child",
            hidden = true,
            description = "internal: one measured run, driven by the parent over stdin")
    boolean child;

    @Override
    public Integer call() throws Exception {
        if (child) {
            ThreadsBenchmark.child(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
            return 0;
        }
        List<ThreadsBenchmark.Setup> chosen = new ArrayList<>();
        if (setups == null || setups.isEmpty()) {
            chosen.add(ThreadsBenchmark.Setup.DEFAULT);
            chosen.add(ThreadsBenchmark.Setup.parse("2:passive")); // the runner-up, ahead only on a crowded machine
            chosen.add(ThreadsBenchmark.Setup.parse("pytorch"));
        } else {
            for (String s : setups) chosen.add(ThreadsBenchmark.Setup.parse(s));
        }
        List<String> prefix = launchPrefix();
        var rows = ThreadsBenchmark.run(
                chosen,
                portraits,
                jvmOptions -> {
                    List<String> cmd = new ArrayList<>();
                    cmd.add(prefix.get(0));
                    cmd.addAll(jvmOptions);
                    cmd.addAll(prefix.subList(1, prefix.size()));
                    cmd.addAll(List.of(NAME, "--child"));
                    return cmd;
                },
                System.out);
        for (var r : rows) {
            if (r.setup().equals(ThreadsBenchmark.Setup.DEFAULT)) {
                System.out.printf(
                        Locale.ROOT,
                        "%nthe default (%s): per run under two runs at once %.0f%% of alone, "
                                + "target ≥ %.0f%%: %s%n",
                        r.setup().spec(),
                        100 * r.ratio(),
                        100 * TARGET_RATIO,
                        r.ratio() >= TARGET_RATIO ? "met" : "MISSED");
                break;
            }
        }
        return 0;
    }

    /**
     * This JVM's own command line up to the subcommand (java, its options, -jar and the jar), so
     * the children run the same build. Thread settings given to this JVM are dropped: each child
     * gets its setup's.
     */
    static List<String> launchPrefix() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> args = info.arguments().map(List::of).orElse(List.of());
        int at = args.indexOf(NAME);
        if (at < 0) {
            throw new IllegalStateException("cannot tell how this JVM was started, so cannot start the benchmark runs; "
                    + "run it as ./lemon " + NAME);
        }
        List<String> prefix = new ArrayList<>();
        prefix.add(java);
        for (String a : args.subList(0, at)) {
            if (a.startsWith("-D" + EngineThreads.THREADS)
                    || a.startsWith("-D" + EngineThreads.INTEROP)
                    || a.startsWith("-Dai.djl.pytorch.num_")) continue;
            prefix.add(a);
        }
        return prefix;
    }
}
