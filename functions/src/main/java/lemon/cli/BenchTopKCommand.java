package lemon.cli;

import java.util.concurrent.Callable;
import lemon.engine.matcher.TopKBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-topk",
        description = "Top-K cosine search over 100,000 C.D. embeddings: ms/query and the ratio to a full-sort baseline.")
public class BenchTopKCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "100000", description = "embeddings to search (default 100000)")
    int rows;

    @Option(names = "--dims", defaultValue = "128,384", description = "dimensions to try (default 128,384; the head gives 128)")
    String dims;

    @Override
    public Integer call() {
        TopKBenchmark.main(new String[] {String.valueOf(rows), dims});
        return 0;
    }
}
