package lemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RunLinesTest {
    @Test
    void aFollowerGetsTheKeptLinesThenTheNewOnesAndNothingAfterTheLast() throws Exception {
        RunLines lines = new RunLines();
        lines.add("[1/10] ingest …");
        lines.add("   "); // blank: left out
        lines.add("      ingest done\n");
        List<RunLines.Line> got = new ArrayList<>();
        AutoCloseable following = lines.follow(0, got::add);
        lines.add("[2/10] analyze-story …");
        lines.close("done");
        lines.add("after the end");
        assertEquals(
                List.of("[1/10] ingest …", "      ingest done", "[2/10] analyze-story …", "done"),
                got.stream().map(RunLines.Line::text).toList());
        assertEquals(
                List.of(1L, 2L, 3L, 4L), got.stream().map(RunLines.Line::seq).toList());
        assertTrue(got.get(3).last() && lines.closed());
        following.close();

        // a reloaded page that saw line 2 asks for what follows it
        assertEquals(
                List.of(3L, 4L), kept(lines, 2).stream().map(RunLines.Line::seq).toList());
        List<RunLines.Line> late = new ArrayList<>();
        lines.follow(2, late::add);
        assertEquals(2, late.size());
    }

    @Test
    void linesAddedWhileSomeoneStartsFollowingArriveExactlyOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            RunLines lines = new RunLines();
            CountDownLatch go = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) lines.add("line " + i);
                lines.close("done");
            });
            writer.start();
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            go.countDown();
            Thread.yield();
            lines.follow(0, l -> seen.add(l.seq()));
            writer.join();
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= 501; s++) expected.add(s);
            assertEquals(expected, seen);
        }
    }

    @Test
    void aLongRunKeepsItsNewestLines() throws Exception {
        RunLines lines = new RunLines();
        for (int i = 0; i < RunLines.KEEP + 10; i++) lines.add("line " + i);
        List<RunLines.Line> kept = kept(lines, 0);
        assertEquals(RunLines.KEEP, kept.size());
        assertEquals(11, kept.get(0).seq());
        assertEquals("line " + (RunLines.KEEP + 9), kept.get(kept.size() - 1).text());
    }

    /** The kept lines after {@code afterSeq}, as a follower that stops at once sees them. */
    private static List<RunLines.Line> kept(RunLines lines, long afterSeq) throws Exception {
        List<RunLines.Line> got = new ArrayList<>();
        lines.follow(afterSeq, got::add).close();
        return got;
    }
}
