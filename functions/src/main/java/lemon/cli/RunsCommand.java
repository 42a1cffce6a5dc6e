package lemon.cli;

import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import lemon.functions.PipelineProvider;
import lemon.run.RunLease;
import lemon.run.RunListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "runs", description = "List the runs in the store, newest first: status, stages done, age and title.")
public class RunsCommand implements Callable<Integer> {
    @Option(names = "--failed", description = "only runs that failed or were interrupted (the ones to resume)")
    boolean failed;

    @Mixin
    CommonOptions common;

    @Inject
    PipelineProvider configured;

    @Override
    public Integer call() {
        PipelineProvider provider = common.provider(configured);
        var store = ExistingRun.store(provider);
        Clock clock = Clock.systemUTC();
        List<RunListing.Row> rows = RunListing.list(store.blobs(), clock, RunLease.Processes.CURRENT).stream()
                .filter(r -> !failed || r.status().needsResume())
                .toList();
        if (rows.isEmpty()) {
            System.out.println("no " + (failed ? "failed or interrupted " : "") + "runs in "
                    + store.blobs().describe());
            return 0;
        }
        RunListing.table(rows, clock.instant()).forEach(System.out::println);
        rows.stream()
                .filter(r -> r.status().needsResume())
                .findFirst()
                .ifPresent(r ->
                        System.out.println("continue one with: ./lemon resume " + r.runId() + common.storeOption()));
        return 0;
    }
}
