package lemon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lemon.mini.render.ContactSheetMain;
import lemon.mini.render.DatasetGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The procedural lemon-mini world the small models learn from: look at it, or write a dataset. */
@Command(name = "mini-world", description = "Render a contact sheet of the lemon-mini world, or write a dataset.")
public class MiniWorldCommand implements Callable<Integer> {
    @Option(names = "--sheet", paramLabel = "PNG", defaultValue = "lemon-mini-world.png",
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

    @Override
    public Integer call() throws Exception {
        if (dataset != null) {
            DatasetGenerator.write(dataset, seed, n, size);
            System.out.println("wrote " + n + " samples and labels.jsonl to " + dataset);
        } else {
            ContactSheetMain.main(new String[] {sheet.toString()}); // prints where it wrote
        }
        return 0;
    }
}
