package lemon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lemon.engine.matcher.training.MatcherTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "train-matcher",
        description = "Train the matcher head (pairwise ranking loss, Eq. 1) on the bundled C.D. database.")
public class TrainMatcherCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "where to write the head (default: the bundled one in the checkout; rebuild afterwards)")
    Path out;

    @Option(names = "--steps", defaultValue = "" + MatcherTrainer.DEFAULT_STEPS, description = "optimiser steps")
    int steps;

    @Option(names = "--seed", defaultValue = "" + MatcherTrainer.DEFAULT_SEED, description = "random seed")
    long seed;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "work checkpoints, loss log and loss curves (default: target/matcher-train)")
    Path work;

    @Option(names = "--resume", description = "continue from the work checkpoint, exactly as if never stopped")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Path head = out != null ? out : Home.root().resolve(MatcherTrainer.DEFAULT_OUT);
        Path dir = work != null ? work : Path.of("target", "matcher-train");
        MatcherTrainer.trainAndSaveWithEmbeddings(head, steps, seed, dir, resume, System.out);
        return 0;
    }
}
