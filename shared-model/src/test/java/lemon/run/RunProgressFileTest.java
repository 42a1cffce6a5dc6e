package lemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import lemon.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

/** An engine task's progress kept in its run's folder: the first line at once, then at most every 5 s. */
class RunProgressFileTest {
    static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theLatestLineIsKeptAtMostEveryFiveSecondsAndEveryLineGoesOn() {
        RunStore runs = new RunStore(new InMemoryBlobStore());
        Ticking clock = new Ticking();
        List<String> printed = new ArrayList<>();
        RunProgressFile progress = new RunProgressFile(runs, "r1", (s, line) -> printed.add(line), clock);
        assertTrue(RunProgressFile.latest(runs, "r1").isEmpty());

        progress.report("personalize", "step 1 of 200");
        progress.report("personalize", "step 2 of 200"); // within 5 s: not written
        assertEquals(
                "personalize: step 1 of 200", RunProgressFile.latest(runs, "r1").orElseThrow());
        clock.now = clock.now.plusSeconds(6);
        progress.report("personalize", "step 90 of 200");
        assertEquals(
                "personalize: step 90 of 200",
                RunProgressFile.latest(runs, "r1").orElseThrow());
        assertEquals(List.of("step 1 of 200", "step 2 of 200", "step 90 of 200"), printed);
        clock.now = clock.now.plusSeconds(6);
        progress.report("personalize", "personalize  [###   ] 50%");
        assertEquals(
                "personalize  [###   ] 50%", RunProgressFile.latest(runs, "r1").orElseThrow());
    }
}
