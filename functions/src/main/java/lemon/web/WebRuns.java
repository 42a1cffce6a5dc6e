package lemon.web;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.ingest.IngestedStory;
import lemon.ingest.StoryIngest;
import lemon.run.Json;
import lemon.run.RunIds;
import lemon.run.RunLease;
import lemon.run.RunLines;
import lemon.run.RunListing;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.RunViews;
import lemon.run.RunViews.Refused;
import lemon.run.RunViews.RunView;
import lemon.stage.ingest.IngestStage;
import lemon.upload.UploadSlot;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The runs of the web app: a story checked and stored, then run by the same local workflow as
 * {@code lemon run} on a small pool of workers (queued beyond it), its progress lines kept and
 * pushed to the page; listing, resuming, stopping, deleting and reading a run's files. Each tenant
 * has its own folder of the store ({@code tenants/<tenant>/}, the layout of the AWS deployment), and
 * every call is answered from that folder only, so one tenant can neither see nor touch another's runs.
 */
@ApplicationScoped
public class WebRuns {
    /** A request the service refuses, with the HTTP status it maps to and why. */
    /** A run this server has queued or is running, with its lines. */
    static final class Live {
        final String tenant, runId, title;
        final RunLines lines = new RunLines();
        volatile String state = "queued";
        volatile boolean stop;
        volatile Future<?> work;
        /** Its entry in the tenant's queue/ until a worker takes it; null for a resume (its manifest is enough). */
        volatile String queued;

        Live(String tenant, String runId, String title) {
            this.tenant = tenant;
            this.runId = runId;
            this.title = title;
        }

        boolean working() {
            return !lines.closed();
        }
    }

    private final PipelineProvider configured;
    private final ExecutorService workers;
    /** Reminds waiting runs where they stand, so a page whose run waits long still hears from it. */
    private final java.util.concurrent.ScheduledExecutorService reminders =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lemon-web-queue");
                t.setDaemon(true);
                return t;
            });

    static final java.time.Duration REMIND_EVERY = java.time.Duration.ofSeconds(30);
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    /** Runs waiting for a worker, in order: each is told how many are ahead of it as the queue moves. */
    private final java.util.Deque<Live> waiting = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private final Clock clock = Clock.systemUTC();

    @Inject
    public WebRuns(
            PipelineProvider configured, @ConfigProperty(name = "lemon.web.workers", defaultValue = "1") int workers) {
        if (workers < 1) throw new IllegalArgumentException("lemon.web.workers must be at least 1, got " + workers);
        this.configured = configured;
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lemon-web-run");
            t.setDaemon(true);
            return t;
        });
        reminders.scheduleWithFixedDelay(
                this::tellWaiting,
                REMIND_EVERY.toSeconds(),
                REMIND_EVERY.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Set as the server stops: waiting runs stay in their queue/ for the next server. */
    private volatile boolean closing;

    /** The longest the server waits, as it stops, for running stages to end. */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofMinutes(5);

    /**
     * Running runs stop after their current stage (resumable) and the server waits for that: a JVM that
     * exits while an engine works in native code can crash in it (seen: ONNX Runtime creating a session).
     */
    @PreDestroy
    void stopWorkers() {
        closing = true;
        live.values().forEach(l -> l.stop = true);
        workers.shutdown();
        reminders.shutdownNow();
        if (working() > 0)
            System.out.println("lemon: waiting for the running stage to end (at most " + STOP_WAIT.toMinutes()
                    + " min); its run stops there and can be resumed");
        try {
            if (!workers.awaitTermination(STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                System.err.println("lemon: a stage did not end in time; its run is left interrupted (resumable)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The tenant's own provider: the store's {@code tenants/<tenant>/} folder, engines shared. */
    PipelineProvider forTenant(String tenant) {
        String root = configured.settings().store();
        String folder = UploadSlot.folderOf(tenant); // checks the id
        return configured.with(configured.settings().withStore((root.endsWith("/") ? root : root + "/") + folder));
    }

    /** Each tenant's provider for reading its runs (listing, views, costs), built once. */
    private final Map<String, PipelineProvider> readers = new ConcurrentHashMap<>();

    private PipelineProvider reader(String tenant) {
        return readers.computeIfAbsent(tenant, this::forTenant);
    }

    private RunStore store(String tenant) {
        return reader(tenant).get().runs();
    }

    /**
     * Checks the story as ingest will (type, size, encoding, length) and stores it, then queues its
     * run; a refused story stores nothing and starts nothing.
     */
    public String start(String tenant, String fileName, byte[] bytes, RunOptions options) {
        PipelineProvider provider = forTenant(tenant);
        String name;
        try {
            name = UploadSlot.open(tenant, fileName, provider.settings().maxBytes())
                    .fileName();
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
        IngestedStory story;
        try {
            story = new StoryIngest(
                            provider.settings().maxBytes(), provider.settings().minWords())
                    .ingest(name, bytes);
        } catch (lemon.ingest.StoryRejectedException e) {
            throw new Refused(400, e.getMessage());
        }
        String runId = RunIds.generate(clock);
        String uploadKey = IngestStage.uploadKey(name, story.sha256());
        try {
            provider.get().runs().blobs().put(uploadKey, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the story", e);
        }
        Waiting w = new Waiting(runId, uploadKey, story.title(), options);
        put(tenant, QUEUE + runId + ".json", Json.bytes(w));
        enqueue(tenant, w, "queued: " + story.title() + " (" + story.words() + " words)");
        return runId;
    }

    /**
     * A run waiting for a worker, kept in its tenant's folder ({@code queue/<runId>.json}) until a worker
     * takes it, so a server that stops with runs waiting starts them when it comes back.
     */
    record Waiting(String runId, String uploadKey, String title, RunOptions options) {}

    static final String QUEUE = "queue/";

    private void enqueue(String tenant, Waiting w, String firstLine) {
        Live l = new Live(tenant, w.runId(), w.title());
        l.queued = QUEUE + w.runId() + ".json";
        live.put(key(tenant, w.runId()), l);
        l.lines.add(firstLine);
        PipelineProvider provider = forTenant(tenant);
        submit(
                l,
                out -> LocalRun.start(
                        LocalRun.workflow(),
                        new StageFunctions(provider),
                        w.uploadKey(),
                        w.options(),
                        w.runId(),
                        out,
                        RunLease.Settings.DEFAULT,
                        () -> l.stop));
    }

    /**
     * Queues again the runs a previous server left waiting (every tenant's {@code queue/}), in the order
     * they were queued; {@code ./lemon serve} calls it as it starts. Returns how many.
     */
    public int restoreQueue() {
        var root = configured.get().runs().blobs();
        List<String[]> found = new ArrayList<>();
        try {
            for (String k : root.list(UploadSlot.TENANTS)) {
                String[] p = k.split("/");
                if (p.length == 4 && (p[2] + "/").equals(QUEUE) && p[3].endsWith(".json")) found.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the waiting runs in " + root.describe(), e);
        }
        found.sort(java.util.Comparator.comparing(p -> p[3])); // run ids begin with their time
        int n = 0;
        for (String[] p : found) {
            try {
                Waiting w = Json.MAPPER.readValue(root.get(String.join("/", p)).orElseThrow(), Waiting.class);
                if (live.containsKey(key(p[1], w.runId()))) continue;
                enqueue(p[1], w, "queued again: the server restarted before " + w.title() + " started");
                n++;
            } catch (IOException | RuntimeException unreadable) {
                System.err.println("lemon: a waiting run cannot be read, left as it is: " + String.join("/", p) + ": "
                        + unreadable.getMessage());
            }
        }
        return n;
    }

    private void put(String tenant, String key, byte[] bytes) {
        try {
            store(tenant).blobs().put(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key, e);
        }
    }

    /** Takes a run out of its tenant's queue/ (a worker took it, or it was cancelled). */
    private void unqueue(Live l) {
        if (l.queued == null) return;
        try {
            store(l.tenant).blobs().delete(l.queued);
            l.queued = null;
        } catch (IOException e) {
            l.lines.add("warning: cannot take the run out of the waiting list (" + e.getMessage() + ")");
        }
    }

    /** Continues a failed, stopped or interrupted run from its last completed stage. */
    public void resume(String tenant, String runId) {
        RunManifest m = manifest(tenant, runId);
        Live running = live.get(key(tenant, runId));
        if (running != null && running.working())
            throw new Refused(409, "run " + runId + " is already " + running.state);
        if (RunListing.row(store(tenant).blobs(), m, clock, RunLease.Processes.CURRENT)
                        .status()
                == RunListing.Status.DONE) throw new Refused(409, "run " + runId + " is complete; nothing to resume");
        Live l = new Live(tenant, runId, m.input().title());
        live.put(key(tenant, runId), l);
        l.lines.add("queued: resume of " + runId);
        PipelineProvider provider = forTenant(tenant);
        submit(
                l,
                out -> LocalRun.resume(
                        LocalRun.workflow(),
                        new StageFunctions(provider),
                        runId,
                        out,
                        RunLease.Settings.DEFAULT,
                        () -> l.stop));
    }

    /** Ended runs whose lines are kept for a page that comes back; the oldest beyond this are let go. */
    static final int KEEP_ENDED = 200;

    private void submit(Live l, Function<PrintStream, LocalRun.Outcome> body) {
        List<String> ended = live.entrySet().stream()
                .filter(e -> !e.getValue().working())
                .sorted(java.util.Comparator.comparing(e -> e.getValue().runId)) // ids begin with their time
                .map(Map.Entry::getKey)
                .toList();
        for (String k : ended.subList(0, Math.max(0, ended.size() - KEEP_ENDED))) live.remove(k);
        waiting.add(l);
        tellAhead(l, working() + waiting.size() - 1);
        l.work = workers.submit(() -> {
            waiting.remove(l);
            if (closing) return; // left in queue/: the next server starts it
            if (l.stop) { // cancelled as the worker took it
                unqueue(l);
                l.state = "ended";
                l.lines.close("cancelled before it started");
                return;
            }
            unqueue(l);
            l.state = "running";
            tellWaiting();
            try (PrintStream out = lemon.util.LineOutput.printStream(l.lines::add)) {
                LocalRun.Outcome o = body.apply(out);
                out.flush();
                l.lines.close(
                        o.succeeded()
                                ? "done"
                                : o.rejection() != null
                                        ? "refused: " + o.rejection()
                                        : l.stop
                                                ? "stopped: resume to continue"
                                                : "failed: " + o.error() + ": " + o.cause());
            } catch (RuntimeException | Error e) {
                l.lines.close("failed: " + e);
            } finally {
                l.state = "ended";
            }
        });
    }

    /**
     * Each waiting run hears how many runs are ahead of it (running ones included): when the queue
     * moves, and every {@link #REMIND_EVERY} while it waits.
     */
    private synchronized void tellWaiting() {
        int ahead = working();
        for (Live w : waiting) tellAhead(w, ahead++);
    }

    /** Runs a worker holds now. */
    private int working() {
        return (int) live.values().stream()
                .filter(r -> r.state.equals("running") || r.state.equals("stopping"))
                .count();
    }

    private static void tellAhead(Live w, int ahead) {
        if (ahead > 0) w.lines.add("queued: " + ahead + (ahead == 1 ? " run" : " runs") + " ahead");
    }

    /**
     * Stops a run: a queued one never starts (its upload is kept, nothing else was made), a running
     * one after its current stage, resumable.
     */
    public void cancel(String tenant, String runId) {
        Live l = live.get(key(tenant, runId));
        if (l == null || !l.working()) throw new Refused(409, "run " + runId + " is not running here");
        l.stop = true;
        if (l.state.equals("queued") && l.work.cancel(false)) {
            waiting.remove(l);
            unqueue(l);
            l.state = "ended";
            l.lines.close("cancelled before it started");
        } else {
            l.state = "stopping";
            l.lines.add("stopping after the current stage");
        }
    }

    /** Deletes a run's files; a run this server works on must be stopped first. */
    public void delete(String tenant, String runId) {
        manifestOrLive(tenant, runId);
        Live l = live.get(key(tenant, runId));
        if (l != null && l.working()) throw new Refused(409, "run " + runId + " is " + l.state + "; stop it first");
        RunViews.delete(store(tenant), runId);
        live.remove(key(tenant, runId));
    }

    /** The tenant's runs, newest first: those in the store, and those queued here before their first stage. */
    public List<RunView> list(String tenant) {
        List<RunView> out = new ArrayList<>();
        java.util.Set<String> stored = new java.util.HashSet<>();
        for (RunView v : RunViews.list(store(tenant), cost(tenant), clock)) {
            stored.add(v.runId());
            out.add(withLive(tenant, v));
        }
        for (Live l : live.values())
            if (l.tenant.equals(tenant) && !stored.contains(l.runId) && l.working()) out.add(0, queuedView(l));
        return out;
    }

    /** One run, with its stages and files. */
    public RunView view(String tenant, String runId) {
        RunStore runs = store(tenant);
        if (RunViews.manifest(runs, runId).isEmpty()) return queuedView(liveOrUnknown(tenant, runId));
        return withLive(tenant, RunViews.view(runs, runId, cost(tenant), clock));
    }

    private java.util.function.ToDoubleFunction<RunManifest> cost(String tenant) {
        return m -> reader(tenant).get().cost(m).total();
    }

    /** The state this server knows for a run it works on now, over the store's. */
    private RunView withLive(String tenant, RunView v) {
        Live l = live.get(key(tenant, v.runId()));
        return l != null && l.working() ? v.withState(l.state, v.error()) : v;
    }

    private static RunView queuedView(Live l) {
        return RunView.pending(l.runId, l.state, l.title, null, null);
    }

    /** The run's lines kept here (none for a run this server has not worked on since it started). */
    public RunLines lines(String tenant, String runId) {
        Live l = live.get(key(tenant, runId));
        if (l != null) return l.lines;
        manifest(tenant, runId);
        RunLines none = new RunLines();
        none.close("this server has not worked on run " + runId + " since it started; its state is in the store");
        return none;
    }

    /** One file of a run; a path outside the run's folder is refused. */
    public byte[] file(String tenant, String runId, String path) {
        return RunViews.file(store(tenant), runId, path);
    }

    /** Writes a run's zip to a stream (what a response sends after its headers). */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream to) throws IOException;
    }

    /**
     * Every file of a run in one zip, under a folder named after the run; an unknown run is refused
     * here, before anything is written.
     */
    public Writer zip(String tenant, String runId) {
        RunStore runs = store(tenant);
        manifest(tenant, runId);
        return to -> RunViews.zip(runs, runId, to);
    }

    private RunManifest manifest(String tenant, String runId) {
        return RunViews.require(store(tenant), runId);
    }

    private void manifestOrLive(String tenant, String runId) {
        if (live.containsKey(key(tenant, runId))) return;
        manifest(tenant, runId);
    }

    private Live liveOrUnknown(String tenant, String runId) {
        Live l = live.get(key(tenant, runId));
        if (l == null) throw new Refused(404, "no run " + runId + " for this tenant");
        return l;
    }

    private static String key(String tenant, String runId) {
        return tenant + "/" + runId;
    }
}
