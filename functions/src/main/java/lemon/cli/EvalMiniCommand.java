package lemon.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lemon.mini.training.EvalMini;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(
        name = "eval-mini",
        description =
                "Validator and CLIP-mini accuracy on held-out renders, the portrait diffusion model's faithfulness, "
                        + "CLIP-T and speed on held-out captions, and its scenes' people count and per-person attributes "
                        + "on held-out scene captions, each against chance, unconditional or shuffled baselines. "
                        + "Options: [--seed S] [--validator N] [--clip N] [--diffusion N] [--scenes N] [--weights DIR] "
                        + "(0 skips a part; 60 scenes by default)")
public class EvalMiniCommand implements Callable<Integer> {
    @Unmatched
    List<String> options = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        EvalMini.run(options, System.out);
        return 0;
    }
}
