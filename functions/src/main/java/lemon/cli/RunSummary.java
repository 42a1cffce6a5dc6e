package lemon.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lemon.functions.LocalRun;
import lemon.model.CharacterDescription;
import lemon.model.StoryCharacter;
import lemon.run.RunStore;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.publish.PublishStage;

/** The lines printed when a run ends, and the exit code that goes with them. */
final class RunSummary {
    private RunSummary() {}

    static int print(LocalRun.Outcome outcome, RunStore runs, PrintStream out, PrintStream err) {
        if (outcome.rejection() != null) {
            err.println(
                    IngestStage.RUN_EXISTS.equals(outcome.rejectionReason())
                            ? "lemon: " + outcome.rejection()
                            : "lemon: story rejected: " + outcome.rejection());
            return 2;
        }
        if (!outcome.succeeded()) {
            err.println("lemon: run " + (outcome.runId() == null ? "" : outcome.runId() + " ") + "failed: "
                    + outcome.error() + ": " + outcome.cause());
            if (outcome.runId() != null && runs.exists(outcome.runId())) {
                err.println("lemon: fix the cause, then continue with: ./lemon resume " + outcome.runId());
            }
            return 1;
        }
        String id = outcome.runId();
        List<StoryCharacter> characters = runs.require(id, AnalyzeStage.CHARACTERS, new TypeReference<>() {});
        Map<String, CharacterDescription> descriptions =
                runs
                        .require(id, DescribeStage.DESCRIPTIONS, new TypeReference<List<CharacterDescription>>() {})
                        .stream()
                        .collect(Collectors.toMap(CharacterDescription::characterId, Function.identity()));
        out.println();
        out.printf("%d characters:%n", characters.size());
        for (StoryCharacter c : characters) {
            CharacterDescription d = descriptions.get(c.id());
            String text = d == null ? "" : d.description();
            out.printf(
                    "  %-28s %-7s %3d  %s%n",
                    c.name(),
                    c.gender().name().toLowerCase(),
                    c.mentions(),
                    text.length() > 90 ? text.substring(0, 87) + "..." : text);
        }
        out.println();
        String where = runs.blobs().describe();
        String folder = (where.endsWith("/") ? where : where + "/") + id + "/";
        out.println("run " + id + " done; outputs in " + folder);
        out.println("open " + folder + PublishStage.REPORT);
        return 0;
    }
}
