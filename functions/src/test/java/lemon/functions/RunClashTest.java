package lemon.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.port.BlobStore;
import lemon.run.RunLease;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.ingest.IngestStage;
import lemon.story.StoryCharacter;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two {@code lemon run}s on one run id at once, each with its own pipeline over one store as two
 * processes would have: with different stories one creates the run and the other is refused, and
 * every file of the run is the winner's; with the same story the second waits and reuses the
 * first's work. Repeated, since a race shows only sometimes. The store is in memory to keep ten
 * tries quick (the file store fsyncs every file); the file and S3 stores' create-if-absent is
 * BlobStoreContract's, and test/soak.sh races real processes on a folder.
 */
@Timeout(120)
class RunClashTest {
    static final String A = TestRuns.STORY;
    static final List<String> A_NAMES = List.of("Anna", "Boris", "Carl");
    static final String B = TestRuns.STORY
            .replace("Anna Berg", "Dora Lind")
            .replace("Boris Kade", "Emil Brandt")
            .replace("Carl Voss", "Finn Hale");
    static final List<String> B_NAMES = List.of("Dora", "Emil", "Finn");
    static final RunOptions OPTIONS = new RunOptions(4, 2, 1);
    static final RunLease.Settings LEASE = new RunLease.Settings(Duration.ofSeconds(60), Duration.ofMillis(10), null);
    static final Pattern STAGE_LINE = Pattern.compile("(?m)^ +(\\S+) +(done|reused) in \\d+ ms");

    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    record Attempt(LocalRun.Outcome outcome, String log) {}

    /** Both requests at once, each with a pipeline of its own over {@code store}. */
    List<Attempt> race(BlobStore store, String storyA, String storyB) throws Exception {
        store.put("uploads/a.txt", storyA.getBytes(StandardCharsets.UTF_8));
        store.put("uploads/b.txt", storyB.getBytes(StandardCharsets.UTF_8));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Attempt>> runs = new ArrayList<>();
        for (String upload : List.of("uploads/a.txt", "uploads/b.txt")) {
            StageFunctions functions =
                    new StageFunctions(PipelineProvider.of(TestPipelines.over(store, TestPipelines.catalogue())));
            runs.add(pool.submit(() -> {
                var log = new ByteArrayOutputStream();
                go.await();
                LocalRun.Outcome o = LocalRun.start(
                        LocalRun.workflow(),
                        functions,
                        upload,
                        OPTIONS,
                        "clash",
                        new PrintStream(log, true, StandardCharsets.UTF_8),
                        LEASE,
                        () -> false);
                return new Attempt(o, log.toString(StandardCharsets.UTF_8));
            }));
        }
        go.countDown();
        return List.of(runs.get(0).get(), runs.get(1).get());
    }

    @Test
    void differentStoriesOnOneRunIdNeverMix() throws Exception {
        for (int i = 0; i < 10; i++) {
            InMemoryBlobStore store = new InMemoryBlobStore();
            List<Attempt> both = race(store, A, B);
            long won = both.stream().filter(a -> a.outcome().succeeded()).count();
            assertEquals(1, won, "try " + i + ": exactly one run wins: " + both);
            boolean aWon = both.get(0).outcome().succeeded();
            Attempt loser = both.get(aWon ? 1 : 0);
            assertEquals(IngestStage.RUN_EXISTS, loser.outcome().rejectionReason(), loser.toString());
            assertTrue(
                    loser.outcome()
                            .rejection()
                            .contains("story: the run has " + (aWon ? "a.txt" : "b.txt") + " (sha256 "),
                    loser.outcome().rejection());

            RunStore runs = new RunStore(store);
            assertEquals(
                    aWon ? "a.txt" : "b.txt", runs.manifest("clash").input().fileName());
            List<String> winnerNames = aWon ? A_NAMES : B_NAMES;
            List<String> loserNames = aWon ? B_NAMES : A_NAMES;
            List<StoryCharacter> characters = runs.require("clash", AnalyzeStage.CHARACTERS, new TypeReference<>() {});
            assertTrue(
                    characters.stream().allMatch(c -> winnerNames.stream().anyMatch(c.name()::contains)),
                    characters.toString());
            for (String key : store.list("clash/")) {
                String text = new String(store.get(key).orElseThrow(), StandardCharsets.ISO_8859_1);
                for (String name : loserNames) {
                    assertFalse(text.contains(name), "try " + i + ": " + name + " of the other story in " + key);
                }
            }
            assertEquals(List.of(), store.list("clash/lease/"), "both leases were given back");
        }
    }

    @Test
    void theSameStoryTwiceAtOnceIsComputedOnceAndReused() throws Exception {
        for (int i = 0; i < 1; i++) {
            List<Attempt> both = race(new InMemoryBlobStore(), A, A);
            assertTrue(both.stream().allMatch(a -> a.outcome().succeeded()), both.toString());
            List<String> computed = new ArrayList<>();
            for (Attempt a : both) {
                Matcher m = STAGE_LINE.matcher(a.log());
                while (m.find()) {
                    if (m.group(2).equals("done")) {
                        computed.add(m.group(1));
                    }
                }
            }
            assertEquals(
                    List.of(
                            "ingest",
                            "analyze-story",
                            "match-characters",
                            "describe-characters",
                            "generate-portraits",
                            "publish"),
                    computed,
                    "try " + i + ": every stage computed once, by one of the two: " + both);
        }
    }

    /** The line after a failed stage is the summary's, not the previous stage's result printed again. */
    @Test
    void aFailedStageIsTheLastLineOfProgress() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        store.put(
                "uploads/weather.txt",
                "The wind came over the hills in the morning and the rain followed it across the fields. "
                        .repeat(8)
                        .getBytes(StandardCharsets.UTF_8));
        var log = new ByteArrayOutputStream();
        LocalRun.Outcome o = LocalRun.start(
                new StageFunctions(PipelineProvider.of(TestPipelines.over(store, TestPipelines.catalogue()))),
                "uploads/weather.txt",
                OPTIONS,
                null,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertFalse(o.succeeded());
        assertTrue(o.runId() != null && o.runId().matches("\\d{8}-\\d{6}-[0-9a-f]{6}"), o.toString());
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(
                lines.get(lines.size() - 1).matches(" +AnalyzeStory +FAILED: .*no characters found.*"),
                lines.toString());
        assertEquals(
                1,
                lines.stream()
                        .filter(l -> l.contains("ingest") && l.contains(" done in "))
                        .count(),
                lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("Lemon.StageFailed")), lines.toString());
    }
}
