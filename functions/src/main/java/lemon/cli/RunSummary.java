package lemon.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lemon.functions.LocalRun;
import lemon.run.RunStore;
import lemon.stage.StageErrors;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.publish.PublishStage;
import lemon.story.CharacterDescription;
import lemon.story.StoryCharacter;

/** The lines printed when a run ends, and the exit code that goes with them. */
final class RunSummary {
    private RunSummary() {}

    /**
     * A rejected story is an input problem: one line, exit 2. A failed stage: one line with the run id
     * and the command that continues it, exit 1 ({@code verbose}: the stage's stack trace after it).
     */
    static int print(
            LocalRun.Outcome outcome,
            lemon.pipeline.Pipeline pipeline,
            PrintStream out,
            PrintStream err,
            boolean verbose) {
        RunStore runs = pipeline.runs();
        if (outcome.rejection() != null) {
            err.println(
                    IngestStage.RUN_EXISTS.equals(outcome.rejectionReason())
                            ? "lemon: " + outcome.rejection()
                            : "lemon: story rejected: " + outcome.rejection());
            return 2;
        }
        if (!outcome.succeeded()) {
            String id = outcome.runId();
            // a permanent failure's cause starts with the exception's own type, which says more than the contract's
            // name
            String line = "lemon: run " + (id == null ? "" : id + " ") + "failed: "
                    + (StageErrors.PERMANENT.equals(outcome.error()) ? "" : outcome.error() + ": ")
                    + outcome.cause();
            boolean stored = id != null && runs.exists(id);
            if (stored) {
                line += "; when that is fixed, continue with: " + resumeCommand(id, runs);
            }
            err.println(line.replaceAll("\\s*\\R\\s*", " "));
            if (stored) {
                out.println("cost so far: " + pipeline.cost(id).line()); // stderr keeps its one line
            }
            if (verbose && outcome.exception() != null) {
                outcome.exception().printStackTrace(err);
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
        out.println("cost: " + pipeline.cost(id).line());
        boolean board = runs.exists(id) && existsFile(runs, id, PublishStage.STORYBOARD);
        out.println("open " + folder + (board ? PublishStage.STORYBOARD : PublishStage.REPORT));
        return 0;
    }

    private static boolean existsFile(RunStore runs, String id, String file) {
        try {
            return runs.blobs().exists(RunStore.key(id, file));
        } catch (java.io.IOException e) {
            return false; // only decides which page to name
        }
    }

    /** The resume command for where this run is stored, so it finds the run from any folder. */
    static String resumeCommand(String runId, RunStore runs) {
        String where = runs.blobs().describe();
        String quoted = where.matches("[A-Za-z0-9_./:@+-]+") ? where : "'" + where.replace("'", "'\\''") + "'";
        return "lemon resume " + runId + (where.startsWith("s3://") ? " --store " : " --out ") + quoted;
    }
}
