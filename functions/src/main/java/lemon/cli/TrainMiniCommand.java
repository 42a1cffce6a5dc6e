package lemon.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lemon.mini.training.TrainMini;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(
        name = "train-mini",
        description =
                "Train the lemon-mini models (validator, clip, upsampler, diffusion, or all within 60 minutes) on the procedural world; resumable, "
                        + "progress bar, loss curves. Options: [--steps N] [--work DIR] [--out DIR] [--resume] [--seed S] [--eval N] [--minutes M]")
public class TrainMiniCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "validator, clip, upsampler, diffusion or all; probe: the evaluations' attribute probe")
    String model;

    @Unmatched
    List<String> options = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new java.util.ArrayList<>();
        args.add(model);
        args.addAll(options);
        TrainMini.run(args, System.out);
        return 0;
    }
}
