package lemon.engine.matcher;

import java.nio.file.Path;
import lemon.retrieval.MlpHead;

/** Prints the Recall@5 table. Usage: {@code EvalMatcherMain [head.lmhd]} (default: the bundled head). */
public final class EvalMatcherMain {
    private EvalMatcherMain() {}

    public static void main(String[] args) {
        MlpHead head = args.length > 0 ? MlpHead.load(Path.of(args[0])) : HeadRetriever.bundledHead();
        MatcherEvaluation.run(head, System.out);
    }
}
