package lemon.run;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import lemon.port.Progress;

/**
 * A stage's progress lines kept in its run's folder ({@value #FILE}: the stage, its latest line and when),
 * for where nobody watches the process's output: an engine task on AWS, whose lines otherwise reach only
 * its log. The runs API hands the latest line to the page. Written at most every {@link #EVERY} (and the
 * first line at once); a failed write is skipped, the stage goes on. Each line also goes to {@code also}.
 */
public final class RunProgressFile implements Progress {
    public static final String FILE = "progress.json";
    static final Duration EVERY = Duration.ofSeconds(5);

    private final RunStore runs;
    private final String runId;
    private final Progress also;
    private final Clock clock;
    private Instant last = Instant.MIN;

    public RunProgressFile(RunStore runs, String runId, Progress also, Clock clock) {
        this.runs = runs;
        this.runId = runId;
        this.also = also;
        this.clock = clock;
    }

    @Override
    public synchronized void report(String stage, String message) {
        also.report(stage, message);
        Instant now = clock.instant();
        if (now.isBefore(last.plus(EVERY))) return;
        last = now;
        Map<String, String> line = new LinkedHashMap<>();
        line.put("stage", stage);
        line.put("line", message);
        line.put("at", now.toString());
        try {
            runs.blobs().put(RunStore.key(runId, FILE), Json.bytes(line));
        } catch (IOException | RuntimeException e) {
            // progress is a courtesy: the stage's own outputs are what count
        }
    }

    /** The latest line kept for a run, as "stage: line" (the line alone when it names its stage); empty when none. */
    public static java.util.Optional<String> latest(RunStore runs, String runId) {
        try {
            var bytes = runs.blobs().get(RunStore.key(runId, FILE));
            if (bytes.isEmpty()) return java.util.Optional.empty();
            var node = Json.MAPPER.readTree(bytes.get());
            String stage = node.path("stage").asText(), line = node.path("line").asText();
            // an engine's line often names its stage already ("personalize  [####  ] 40%")
            return java.util.Optional.of(line.startsWith(stage) ? line : stage + ": " + line);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
