package lemon.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import lemon.analysis.OfflineAnalyst;
import lemon.analysis.gold.CastEvaluation;
import lemon.analysis.gold.CastScore;
import lemon.describe.OfflineDescriber;
import lemon.run.RunOptions;
import lemon.stage.describe.DescribeStage;
import lemon.stage.match.MatchStage;
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

    @Option(
            names = "--show",
            description = "with --descriptions: also print each found character's description, with the cues the story"
                    + " states for it (what the describer read)")
    boolean show;

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
                            new OfflineAnalyst(),
                            dir,
                            OfflineAnalyst.DEFAULT_SCENES,
                            show ? EvalCastCommand::describeAndShow : EvalCastCommand::describe),
                    System.out);
        if (saveBaseline != null) {
            CastEvaluation.writeBaseline(scores, saveBaseline);
            System.out.println("baseline written to " + saveBaseline);
        }
        return 0;
    }

    /** As {@link #describe}, printing each character's description and the story's cues for it. */
    static Map<String, String> describeAndShow(String text, java.util.List<lemon.story.StoryCharacter> cast) {
        Map<String, String> out = describe(text, cast);
        System.out.println("\n" + text.strip().lines().findFirst().orElse("").strip());
        for (lemon.story.StoryCharacter c : cast) {
            System.out.println(
                    "  " + c.name() + (c.aliases().isEmpty() ? "" : " (" + String.join(", ", c.aliases()) + ")") + ": "
                            + out.get(c.id()));
            for (lemon.story.StoryCue q : lemon.analysis.StoryCues.of(text, c, cast))
                System.out.println("      " + q.kind() + " '" + q.value() + "'");
        }
        return out;
    }

    /** match-characters then describe-characters, as the stages do, without a run. */
    static Map<String, String> describe(String text, java.util.List<lemon.story.StoryCharacter> cast) {
        lemon.engine.matcher.HeadRetriever retriever = lemon.engine.matcher.HeadRetriever.bundled();
        String title = text.strip().lines().findFirst().orElse("").strip();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (lemon.story.CharacterDescription d : new DescribeStage(new OfflineDescriber(), retriever)
                .describe(
                        title, text, cast, retriever.match(MatchStage.contexts(text, cast), RunOptions.DEFAULT_TOP_K)))
            out.put(d.characterId(), d.description());
        return out;
    }
}
