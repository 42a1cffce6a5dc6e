package lemon.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lemon.port.BlobStore;

/**
 * One process at a time works on a run: a second {@code lemon run} or {@code lemon resume} on the
 * same run id waits for the first to finish and then continues (reusing what it finished) or is
 * refused by ingest, instead of writing into the same files at once.
 *
 * <p>Each holder writes a ticket {@code <runId>/lease/<owner>.json}, then lists the tickets: if
 * another live one is there it takes its own back and tries again later. Of two overlapping holders
 * the one that wrote second is sure to see the first ticket, so at most one keeps its lease; when
 * two write at the same moment both back off and retry after a random pause. A ticket is live while
 * its process is: on this machine that is checked directly (pid and start time), so a killed run
 * can be resumed at once; from another machine, while it was renewed within the time to live (a
 * background thread renews it). A dead holder's ticket is deleted by whoever finds it. A holder
 * whose ticket was taken away (it stalled past the time to live) notices at its next renewal and
 * {@link #check} fails from then on, so it stops at the next stage instead of writing on.
 */
public final class RunLease implements AutoCloseable {
    public static final String FOLDER = "lease/";

    /** A holder as its ticket describes it. */
    public record Ticket(
            String owner,
            String host,
            long pid,
            String processStart,
            String acquiredAt,
            String renewedAt,
            long ttlSeconds,
            String purpose) {
        /** "pid 1234 on host-a since 2026-12-01T12:00:00Z (lemon run)" */
        public String describe() {
            return "pid " + pid + " on " + host.replaceAll("/pid:\\[\\d+]$", "") + " since " + acquiredAt
                    + (purpose == null ? "" : " (" + purpose + ")");
        }
    }

    /** How long a ticket lives without renewal, how often to look again, and how long to wait at most. */
    public record Settings(Duration ttl, Duration poll, Duration patience) {
        /** A minute to live, a look every half second, and no limit on waiting (the user can Ctrl-C). */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(60), Duration.ofMillis(500), null);
    }

    /** This process and the others: who we are, and whether a holder on this machine still runs. */
    public interface Processes {
        String host();

        long pid();

        String start();

        boolean alive(long pid, String start);

        /** The running JVM; the host includes the pid namespace, so containers sharing a name differ. */
        Processes CURRENT = new Processes() {
            private final String host = hostName();

            @Override
            public String host() {
                return host;
            }

            @Override
            public long pid() {
                return ProcessHandle.current().pid();
            }

            @Override
            public String start() {
                return startOf(ProcessHandle.current());
            }

            @Override
            public boolean alive(long pid, String start) {
                return ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .map(h -> start == null || startOf(h) == null || start.equals(startOf(h)))
                        .orElse(false);
            }
        };
    }

    /** The wait ran out while another process held the run. */
    public static final class RunBusyException extends RuntimeException {
        public RunBusyException(String runId, Ticket holder) {
            super("run '" + runId + "' is in use by " + holder.describe() + "; try again when it has finished");
        }
    }

    /** This process's lease was taken over; it must not write to the run any more. */
    public static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String runId) {
            super("the lease on run '" + runId + "' was taken over by another process after this one stalled "
                    + "past its time to live; this process stops here, the other one continues the run");
        }
    }

    private final BlobStore blobs;
    private final String runId;
    private final Ticket ticket;
    private final Clock clock;
    private final ScheduledExecutorService renewer;
    private volatile boolean lost;

    private RunLease(BlobStore blobs, String runId, Ticket ticket, Clock clock, Duration ttl) {
        this.blobs = blobs;
        this.runId = runId;
        this.ticket = ticket;
        this.clock = clock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lemon-lease-" + runId);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease on {@code runId}, waiting while another live process holds it.
     *
     * @param purpose what the holder does, shown to whoever waits ("lemon run")
     * @param waiting told once, with the holder, when this call starts to wait
     * @throws RunBusyException when {@code settings.patience()} ran out
     */
    public static RunLease acquire(
            BlobStore blobs,
            String runId,
            String purpose,
            Settings settings,
            Clock clock,
            Processes processes,
            Consumer<Ticket> waiting) {
        RunIds.check(runId);
        Instant deadline = settings.patience() == null ? null : clock.instant().plus(settings.patience());
        boolean told = false;
        while (true) {
            List<Ticket> holders = live(blobs, runId, clock, processes);
            if (holders.isEmpty()) {
                String now = clock.instant().toString();
                Ticket mine = new Ticket(
                        UUID.randomUUID().toString(),
                        processes.host(),
                        processes.pid(),
                        processes.start(),
                        now,
                        now,
                        settings.ttl().toSeconds(),
                        purpose);
                write(blobs, runId, mine);
                holders = live(blobs, runId, clock, processes).stream()
                        .filter(t -> !t.owner().equals(mine.owner()))
                        .toList();
                if (holders.isEmpty()) {
                    return new RunLease(blobs, runId, mine, clock, settings.ttl());
                }
                delete(blobs, runId, mine); // wrote at the same moment as another: both retry
                sleep(ThreadLocalRandom.current()
                        .nextLong(1, Math.max(2, settings.poll().toMillis())));
                continue;
            }
            if (!told) {
                waiting.accept(holders.get(0));
                told = true;
            }
            if (deadline != null && !clock.instant().isBefore(deadline)) {
                throw new RunBusyException(runId, holders.get(0));
            }
            sleep(settings.poll().toMillis());
        }
    }

    /** The process holding {@code runId} now, if any; for listings. */
    public static Optional<Ticket> holder(BlobStore blobs, String runId, Clock clock, Processes processes) {
        return live(blobs, runId, clock, processes).stream().findFirst();
    }

    public String runId() {
        return runId;
    }

    /** @throws LeaseLostException once another process has taken the run over */
    public void check() {
        if (lost) {
            throw new LeaseLostException(runId);
        }
    }

    /** Gives the run back: stops renewing and deletes the ticket (unless it was taken over). */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!lost) {
            delete(blobs, runId, ticket);
        }
    }

    private void renew() {
        try {
            String key = key(runId, ticket);
            if (!blobs.exists(key)) {
                lost = true; // another process found it stale and deleted it
                renewer.shutdown();
                return;
            }
            String now = clock.instant().toString();
            blobs.put(
                    key,
                    Json.bytes(new Ticket(
                            ticket.owner(),
                            ticket.host(),
                            ticket.pid(),
                            ticket.processStart(),
                            ticket.acquiredAt(),
                            now,
                            ticket.ttlSeconds(),
                            ticket.purpose())));
        } catch (IOException | RuntimeException e) {
            // a failed renewal is retried at the next tick; only a deleted ticket means the lease is gone
        }
    }

    /** Live tickets of the run; dead ones (holder gone or expired) are deleted on the way. */
    private static List<Ticket> live(BlobStore blobs, String runId, Clock clock, Processes processes) {
        List<Ticket> live = new ArrayList<>();
        try {
            for (String key : blobs.list(RunStore.key(runId, FOLDER))) {
                Optional<byte[]> bytes = blobs.get(key);
                if (bytes.isEmpty()) {
                    continue; // released between list and get
                }
                Ticket t;
                try {
                    t = Json.MAPPER.readValue(bytes.get(), new TypeReference<Ticket>() {});
                } catch (IOException unreadable) {
                    blobs.delete(key); // not a ticket this code wrote whole: nobody can hold by it
                    continue;
                }
                if (alive(t, clock, processes)) {
                    live.add(t);
                } else {
                    blobs.delete(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lease of run " + runId + " in " + blobs.describe(), e);
        }
        return live;
    }

    static boolean alive(Ticket t, Clock clock, Processes processes) {
        if (t.host().equals(processes.host())) {
            return processes.alive(t.pid(), t.processStart());
        }
        Instant renewed = Instant.parse(t.renewedAt());
        return clock.instant().isBefore(renewed.plusSeconds(t.ttlSeconds()));
    }

    private static String key(String runId, Ticket t) {
        return RunStore.key(runId, FOLDER + t.owner() + ".json");
    }

    private static void write(BlobStore blobs, String runId, Ticket t) {
        try {
            blobs.put(key(runId, t), Json.bytes(t));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lease of run " + runId + " to " + blobs.describe(), e);
        }
    }

    private static void delete(BlobStore blobs, String runId, Ticket t) {
        try {
            blobs.delete(key(runId, t));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lease of run " + runId + " in " + blobs.describe(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a run's lease", e);
        }
    }

    private static String startOf(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toString).orElse(null);
    }

    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "unknown-host";
            }
        }
        try {
            // processes in different pid namespaces (containers) cannot see each other's pids
            return name + "/" + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return name;
        }
    }
}
