package lemon.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.llm.RunLlm;
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

    @picocli.CommandLine.Option(
            names = "--budget",
            paramLabel = "USD",
            description = "a new cost cap for the run (e.g. to go on after it stopped at its budget)")
    Double budget;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Inject
    PipelineProvider configured;

    @Override
    public Integer call() {
        PipelineProvider provider = common.storedRun(configured, runId);
        if (provider == null) {
            return 2;
        }
        RunLlm.Choice llm;
        try {
            llm = ExistingRun.llm(provider, common, runId); // a resumed run keeps the LLM it started with
        } catch (IllegalArgumentException e) {
            System.err.println("lemon: " + e.getMessage());
            return 2;
        }
        provider = ExistingRun.with(provider, llm);
        Pipeline pipeline = provider.get();
        if (budget != null) {
            if (!(budget > 0)) {
                System.err.println("lemon: --budget must be more than 0 (USD), got " + budget);
                return 2;
            }
            var m = pipeline.runs().manifest(runId);
            pipeline.runs().save(m.withOptions(m.options().withBudget(budget)));
            System.out.println("LeMon: the run's budget is now $"
                    + java.math.BigDecimal.valueOf(budget).toPlainString());
        }
        System.out.println(
                "LeMon: resuming " + runId + " in " + pipeline.runs().blobs().describe() + " with " + llm.message());
        LocalRun.Outcome outcome = LocalRun.resume(new StageFunctions(provider), runId, System.out);
        return RunSummary.print(
                outcome,
                pipeline,
                System.out,
                System.err,
                CommandLineSetup.verbose(spec.root().commandLine().getParseResult()));
    }
}
