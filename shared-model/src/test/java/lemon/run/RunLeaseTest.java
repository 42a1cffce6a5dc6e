package lemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lemon.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(30)
class RunLeaseTest {
    static final RunLease.Settings FAST = new RunLease.Settings(Duration.ofSeconds(60), Duration.ofMillis(5), null);

    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final Clock clock = Clock.systemUTC();

    /** Pids that run, on every made-up machine of a test. */
    final Set<Long> alive = ConcurrentHashMap.newKeySet();

    /** A process on a made-up machine: its pid runs until the test removes it from {@link #alive}. */
    final class Machine implements RunLease.Processes {
        final String host;
        final long pid;

        Machine(String host, long pid) {
            this.host = host;
            this.pid = pid;
            alive.add(pid);
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public String start() {
            return "2026-12-01T11:00:00Z";
        }

        @Override
        public boolean alive(long p, String start) {
            return alive.contains(p);
        }
    }

    /** @param waiting told when the call starts to wait; {@link #NEVER_WAITS} fails the test if it does */
    RunLease take(String runId, RunLease.Processes p, java.util.function.Consumer<RunLease.Ticket> waiting) {
        return RunLease.acquire(blobs, runId, "test", FAST, clock, p, waiting);
    }

    static final java.util.function.Consumer<RunLease.Ticket> NEVER_WAITS = t -> {
        throw new AssertionError("waited for " + t.describe());
    };

    @Test
    void aSecondHolderWaitsUntilTheFirstGivesTheRunBack() throws Exception {
        Machine m = new Machine("host-a", 100);
        List<RunLease.Ticket> told = new CopyOnWriteArrayList<>();
        RunLease first = take("r1", m, told::add);
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<RunLease> second = pool.submit(() -> take("r1", m, told::add));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (told.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertEquals(1, told.size(), "the waiter is told who holds the run, once");
            assertEquals(100, told.get(0).pid());
            assertTrue(
                    told.get(0).describe().startsWith("pid 100 on host-a since "),
                    told.get(0).describe());
            Thread.sleep(30);
            assertFalse(second.isDone(), "still waiting while the first holds the run");
            first.close();
            try (RunLease got = second.get(5, TimeUnit.SECONDS)) {
                assertEquals(1, blobs.list("r1/lease/").size());
            }
            assertEquals(List.of(), blobs.list(""), "a released lease leaves nothing");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadHoldersTicketOnThisMachineIsTakenOverAtOnce() {
        Machine m = new Machine("host-a", 100);
        RunLease crashed = take("r1", m, NEVER_WAITS);
        alive.remove(100L); // killed: its ticket stays, its process is gone
        Machine next = new Machine("host-a", 200);
        List<RunLease.Ticket> told = new CopyOnWriteArrayList<>();
        try (RunLease lease = take("r1", next, told::add)) {
            assertEquals(List.of(), told, "no waiting for a dead process");
            assertEquals(1, blobs.list("r1/lease/").size(), "the dead ticket is gone");
        }
        crashed.close(); // the crashed holder's cleanup must not break anything either
    }

    @Test
    void anotherMachinesTicketIsLiveUntilItsTimeToLiveRunsOut() {
        Instant t0 = Instant.parse("2026-12-01T12:00:00Z");
        Machine a = new Machine("host-a", 100);
        RunLease held = RunLease.acquire(
                blobs,
                "r1",
                "lemon run",
                new RunLease.Settings(Duration.ofSeconds(60), Duration.ofMillis(1), null),
                Clock.fixed(t0, ZoneOffset.UTC),
                a,
                t -> {});
        Machine b = new Machine("host-b", 100);
        var busy = assertThrows(
                RunLease.RunBusyException.class,
                () -> RunLease.acquire(
                        blobs,
                        "r1",
                        "lemon run",
                        new RunLease.Settings(Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ZERO),
                        Clock.fixed(t0.plusSeconds(59), ZoneOffset.UTC),
                        b,
                        t -> {}));
        assertEquals(
                "run 'r1' is in use by pid 100 on host-a since 2026-12-01T12:00:00Z (lemon run); try again when it"
                        + " has finished",
                busy.getMessage());
        try (RunLease taken = RunLease.acquire(
                blobs, "r1", "lemon run", FAST, Clock.fixed(t0.plusSeconds(61), ZoneOffset.UTC), b, t -> {})) {
            assertEquals(1, blobs.list("r1/lease/").size());
        }
        held.close();
    }

    @Test
    void aHolderWhoseTicketWasTakenAwayNoticesAndStops() throws Exception {
        Machine m = new Machine("host-a", 100);
        RunLease.Settings quick = new RunLease.Settings(Duration.ofMillis(40), Duration.ofMillis(5), null);
        try (RunLease lease = RunLease.acquire(blobs, "r1", "test", quick, clock, m, t -> {})) {
            lease.check();
            for (String k : blobs.list("r1/lease/")) {
                blobs.delete(k); // as another machine does with a ticket it found expired
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                try {
                    lease.check();
                    Thread.sleep(5);
                } catch (RunLease.LeaseLostException e) {
                    assertTrue(e.getMessage().contains("run 'r1' was taken over"), e.getMessage());
                    return;
                }
            }
            throw new AssertionError("the lost lease was never noticed");
        }
    }

    /** Many threads of many processes on one run: never two inside at once, and everyone gets a turn. */
    @Test
    void atMostOneHolderAtATime() throws Exception {
        int threads = 6;
        int turns = 15;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> all = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Machine m = new Machine(t % 2 == 0 ? "host-a" : "host-b", 100 + t);
                all.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < turns; i++) {
                        try (RunLease lease = take("r1", m, t2 -> {})) {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.sleep(1);
                            inside.decrementAndGet();
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, most.get(), "two holders at once");
        assertEquals(threads * turns, done.get());
        assertEquals(List.of(), blobs.list(""));
    }

    @Test
    void aBadRunIdTakesNoLease() {
        assertThrows(RunIds.InvalidRunIdException.class, () -> take("../x", new Machine("h", 1), NEVER_WAITS));
    }
}
