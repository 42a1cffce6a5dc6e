package lemon.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lemon.analysis.AnalysisPrinter;
import lemon.analysis.OfflineAnalyst;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A developer's look at the offline analyst: no run, no store, just what it finds. */
@Command(
        name = "analyze",
        description = "Print what the offline analyst makes of story files: characters, interaction edges, scenes.")
public class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "STORY", description = "UTF-8 story files")
    List<Path> stories;

    @Option(
            names = "--scenes",
            defaultValue = "" + OfflineAnalyst.DEFAULT_SCENES,
            description = "scene prompts (default 30)")
    int scenes;

    @Override
    public Integer call() throws Exception {
        for (Path story : stories) AnalysisPrinter.print(story, scenes, System.out);
        return 0;
    }
}
