package lemon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lemon.engine.matcher.HeadRetriever;
import lemon.engine.matcher.MatcherEvaluation;
import lemon.retrieval.MlpHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "eval-matcher",
        description = "Recall@5 on held-out scripts: trained head vs raw MiniLM cosine vs random sampler.")
public class EvalMatcherCommand implements Callable<Integer> {
    @Option(
            names = "--head",
            paramLabel = "FILE",
            description = "a head written by train-matcher --out (default: the bundled one)")
    Path head;

    @Override
    public Integer call() {
        MlpHead h = head != null ? MlpHead.load(head) : HeadRetriever.bundledHead();
        MatcherEvaluation.run(h, System.out);
        return 0;
    }
}
