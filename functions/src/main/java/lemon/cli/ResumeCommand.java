package lemon.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", description = "Continue a failed or interrupted run from its last completed stage.")
public class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Inject
    PipelineProvider configured;

    @Override
    public Integer call() {
        PipelineProvider provider = common.provider(configured);
        if (!CommonOptions.runExists(provider, runId)) {
            return 2;
        }
        Pipeline pipeline = provider.get();
        System.out.println(
                "LeMon: resuming " + runId + " in " + pipeline.runs().blobs().describe());
        LocalRun.Outcome outcome = LocalRun.resume(new StageFunctions(provider), runId, System.out);
        return RunSummary.print(
                outcome,
                pipeline.runs(),
                System.out,
                System.err,
                CommandLineSetup.verbose(spec.root().commandLine().getParseResult()));
    }
}
