package lemon.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import lemon.analysis.OfflineAnalyst;
import lemon.analysis.gold.CastEvaluation;
import lemon.analysis.gold.CastScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The offline analyst's casts of the sixteen stories against their gold casts (issue: the analyst reads as a reader does). */
@Command(
        name = "eval-cast",
        description = "Score the offline analyst's casts of the stories under ../shared/data against the gold casts:"
                + " recall, precision, alias errors (splits and merges) and gender accuracy, beside the baseline.")
public class EvalCastCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "the folder with tales/ and new-stories/ (default: ../shared/data)")
    Path data;

    @Option(
            names = "--save-baseline",
            paramLabel = "FILE",
            description = "also write these figures as a baseline file (what the bundled baseline was made with)")
    Path saveBaseline;

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Home.sharedDir().resolve("data");
        java.util.List<CastScore> scores =
                CastEvaluation.score(new OfflineAnalyst(), dir, OfflineAnalyst.DEFAULT_SCENES);
        Map<String, CastEvaluation.Counts> baseline = CastEvaluation.bundledBaseline();
        CastEvaluation.print(scores, baseline, System.out);
        if (saveBaseline != null) {
            CastEvaluation.writeBaseline(scores, saveBaseline);
            System.out.println("baseline written to " + saveBaseline);
        }
        return 0;
    }
}
