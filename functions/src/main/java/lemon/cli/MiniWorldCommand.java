package lemon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lemon.mini.render.DatasetGenerator;
import lemon.mini.render.RenderBenchmark;
import lemon.mini.render.WorldSheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The procedural lemon-mini world the small models learn from: look at it, or write a dataset. */
@Command(
        name = "mini-world",
        description = "Render a contact sheet of the lemon-mini world, write a dataset, or time the renderer.")
public class MiniWorldCommand implements Callable<Integer> {
    @Option(
            names = "--sheet",
            paramLabel = "PNG",
            defaultValue = "lemon-mini-world.png",
            description = "contact sheet to write (default lemon-mini-world.png)")
    Path sheet;

    @Option(names = "--dataset", paramLabel = "DIR", description = "write a dataset (PNG + labels.jsonl) here instead")
    Path dataset;

    @Option(names = "-n", defaultValue = "1000", description = "dataset size (default 1000)")
    int n;

    @Option(names = "--size", defaultValue = "64", description = "image size in pixels (default 64)")
    int size;

    @Option(names = "--seed", defaultValue = "1", description = "dataset seed (default 1)")
    long seed;

    @Option(
            names = "--bench",
            paramLabel = "SECONDS",
            description = "time the renderer instead: images per second, SECONDS per case")
    Double bench;

    @Override
    public Integer call() throws Exception {
        if (bench != null) {
            RenderBenchmark.run(bench, System.out);
        } else if (dataset != null) {
            DatasetGenerator.write(dataset, seed, n, size);
            System.out.println("wrote " + n + " samples and labels.jsonl to " + dataset);
        } else {
            WorldSheet.write(sheet);
            System.out.println("contact sheet written to " + sheet);
        }
        return 0;
    }
}
