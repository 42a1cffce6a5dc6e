package lemon.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lemon.engine.matcher.TopKBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench-topk",
        description =
                "Top-K cosine search over 100,000 C.D. embeddings: ms/query and the ratio to a full-sort baseline.")
public class BenchTopKCommand implements Callable<Integer> {
    @Option(
            names = "--rows",
            defaultValue = "" + TopKBenchmark.DEFAULT_ROWS,
            description = "embeddings to search (default 100000)")
    int rows;

    @Option(
            names = "--dims",
            defaultValue = "128,384",
            split = ",",
            description = "dimensions to try (default 128,384; the head gives 128)")
    List<Integer> dims;

    @Option(names = "-k", defaultValue = "" + TopKBenchmark.DEFAULT_K, description = "hits per query (default 5)")
    int k;

    @Option(
            names = "--queries",
            defaultValue = "" + TopKBenchmark.DEFAULT_QUERIES,
            description = "queries timed (default 200)")
    int queries;

    @Override
    public Integer call() {
        TopKBenchmark.run(rows, dims, k, queries, System.out);
        return 0;
    }
}
