package lemon.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lemon.mini.training.PersonalizeCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(
        name = "personalize-check",
        description = "Personalises three characters painted by the bundled model and prints CLIP-mini consistency "
                + "(new portraits vs the character's own) and distinctness (vs the others) for the learned tokens, "
                + "the base model with the class word and with the full description, and the time per step. "
                + "Options: [--steps N] [--lambda L] [--portraits O] [--samples K] [--seed S]")
public class PersonalizeCheckCommand implements Callable<Integer> {
    @Unmatched
    List<String> options = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PersonalizeCheck.run(options, System.out);
        return 0;
    }
}
