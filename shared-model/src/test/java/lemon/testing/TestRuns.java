package lemon.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import lemon.ingest.StoryIngest;
import lemon.port.BlobStore;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.StageResult;
import lemon.stage.ingest.IngestStage;

/** Creates runs in a store the way the ingest stage does, for stage tests. */
public final class TestRuns {
    /** A short story with three named people who meet; long enough for ingest. */
    public static final String STORY = """
            Anna Berg was a tall woman with red hair who sold bread in the market of the old town.
            Every morning Anna Berg opened her stall before the bells rang, and every morning Boris Kade,
            the grey-bearded blacksmith, bought two loaves from her and told her the news of the road.
            One day Carl Voss, a young sailor in a blue coat, came to the market looking for work.
            Boris Kade took Carl Voss into his forge, and Anna Berg gave the sailor bread for the week.
            Carl Voss worked hard, and at the end of the summer he and Anna Berg walked by the river,
            while Boris Kade watched from the door of the forge and smiled into his grey beard.
            """;

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private TestRuns() {}

    /** Ingests {@link #STORY} under {@code runId}; every named stage starts pending. */
    public static RunStore create(BlobStore blobs, String runId, RunOptions options, List<String> stages) {
        RunStore runs = new RunStore(blobs);
        try {
            blobs.put("uploads/story.txt", STORY.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StageResult r =
                new IngestStage(runs, new StoryIngest(), CLOCK).ingest(runId, "uploads/story.txt", options, stages);
        if (!r.status().equals("done")) {
            throw new IllegalStateException("test story rejected: " + r.message());
        }
        return runs;
    }
}
