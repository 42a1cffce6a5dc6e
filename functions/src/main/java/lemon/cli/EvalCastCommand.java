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

    @Option(
            names = "--descriptions",
            description = "also describe each cast as describe-characters does (bundled matcher, offline describer)"
                    + " and print how many of the gold cues each story's descriptions keep and contradict")
    boolean descriptions;

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Home.sharedDir().resolve("data");
        java.util.List<CastScore> scores =
                CastEvaluation.score(new OfflineAnalyst(), dir, OfflineAnalyst.DEFAULT_SCENES);
        Map<String, CastEvaluation.Counts> baseline = CastEvaluation.bundledBaseline();
        CastEvaluation.print(scores, baseline, System.out);
        if (descriptions)
            CastEvaluation.printCues(
                    CastEvaluation.cues(
                            new OfflineAnalyst(), dir, OfflineAnalyst.DEFAULT_SCENES, EvalCastCommand::describe),
                    System.out);
        if (saveBaseline != null) {
            CastEvaluation.writeBaseline(scores, saveBaseline);
            System.out.println("baseline written to " + saveBaseline);
        }
        return 0;
    }

    /** match-characters then describe-characters, as the stages do, without a run. */
    static Map<String, String> describe(String text, java.util.List<lemon.story.StoryCharacter> cast) {
        lemon.engine.matcher.HeadRetriever retriever = lemon.engine.matcher.HeadRetriever.bundled();
        Map<String, java.util.List<String>> contexts = new java.util.LinkedHashMap<>();
        for (lemon.story.StoryCharacter c : cast)
            contexts.put(
                    c.id(),
                    lemon.analysis.CharacterContexts.windows(
                            text, c, cast, lemon.stage.match.MatchStage.CONTEXT_WINDOWS));
        lemon.describe.OfflineDescriber describer = new lemon.describe.OfflineDescriber();
        String title = text.strip().lines().findFirst().orElse("").strip();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (lemon.story.CharacterMatch m : retriever.match(contexts, lemon.run.RunOptions.DEFAULT_TOP_K)) {
            lemon.story.StoryCharacter c = cast.stream()
                    .filter(x -> x.id().equals(m.characterId()))
                    .findFirst()
                    .orElseThrow();
            var examples =
                    m.matches().stream().map(x -> retriever.pair(x.cdId())).toList();
            out.put(
                    c.id(),
                    lemon.describe.DescriptionCleaner.clean(
                            describer.describe(title, text, c, cast, examples), c.name()));
        }
        return out;
    }
}
