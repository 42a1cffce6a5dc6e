package lemon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lemon.cd.CdDatabaseGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "cd-database",
        description =
                "Regenerate the bundled C.D. database from the archetypes (deterministic; a test checks the committed file).")
public class CdDatabaseCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "where to write the JSONL (default: the bundled one in the checkout; rebuild afterwards)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : Home.root().resolve(CdDatabaseGenerator.DEFAULT_OUT);
        int n = CdDatabaseGenerator.write(target);
        System.out.println("wrote " + n + " C.D. pairs to " + target);
        return 0;
    }
}
