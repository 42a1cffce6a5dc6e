package lemon.stage;

import java.util.List;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;

/** A run of {@link TestRuns#STORY} in memory, and a ledger over it, for one stage's test. */
public final class StageFixture {
    public final InMemoryBlobStore blobs = new InMemoryBlobStore();
    public final RunStore runs;
    public final StageLedger ledger;

    public StageFixture(RunOptions options) {
        runs = TestRuns.create(blobs, "r", options, List.of("ingest"));
        ledger = new StageLedger(runs, TestRuns.CLOCK);
    }

    public StageResult run(Stage stage) {
        return ledger.run(stage, "r", 0);
    }

    public <T> T read(String file, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        return runs.require("r", file, type);
    }
}
