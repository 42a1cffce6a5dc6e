package lemon.cli;

import java.util.concurrent.Callable;
import lemon.engine.matcher.MatcherEvaluation;
import picocli.CommandLine.Command;

@Command(name = "eval-matcher",
        description = "Recall@5 on held-out scripts: trained head vs raw MiniLM cosine vs random sampler.")
public class EvalMatcherCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        MatcherEvaluation.run(System.out);
        return 0;
    }
}
