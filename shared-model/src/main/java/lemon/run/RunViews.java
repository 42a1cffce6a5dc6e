package lemon.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A tenant's runs as a page or an API shows them, read from its folder of the store: the list, one
 * run with its stages and files, a file, the zip, deleting. The local web app lays its own queue
 * over these; the AWS runs API its workflow's executions. Faults of the caller are {@link Refused}
 * with the HTTP status that says what kind.
 */
public final class RunViews {
    private RunViews() {}

    /** A request this tenant may not make, or about a run it does not have. */
    public static final class Refused extends RuntimeException {
        public final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** One stage of a run as the page shows it. */
    public record StageView(String name, String status, Long millis, String error) {}

    /**
     * A run as the page shows it: {@code state} done, failed or interrupted from the store, or what the
     * server running it knows (queued, running, stopping); {@code links} are where a client fetches the
     * files directly (the deployment's signed URLs), empty where the API serves them itself.
     */
    public record RunView(
            String runId,
            String state,
            String title,
            String createdAt,
            int stagesDone,
            int stages,
            long seconds,
            double costUsd,
            String error,
            String upload,
            List<StageView> stageList,
            List<String> files,
            Map<String, String> links,
            String progress) {
        public RunView withState(String state, String error) {
            return with(state, error, links, progress);
        }

        public RunView withLinks(Map<String, String> links) {
            return with(state, error, links, progress);
        }

        /** With the latest line of its running stage, where no stream carries its lines ({@link RunProgressFile}). */
        public RunView withProgress(String progress) {
            return with(state, error, links, progress);
        }

        private RunView with(String state, String error, Map<String, String> links, String progress) {
            return new RunView(
                    runId,
                    state,
                    title,
                    createdAt,
                    stagesDone,
                    stages,
                    seconds,
                    costUsd,
                    error,
                    upload,
                    stageList,
                    files,
                    links,
                    progress);
        }

        /** A run known before its manifest exists (queued, or an upload its workflow has not picked up). */
        public static RunView pending(String runId, String state, String title, String upload, String error) {
            return new RunView(
                    runId, state, title, null, 0, 0, 0, 0, error, upload, List.of(), List.of(), Map.of(), null);
        }
    }

    /** The runs of the store, newest first; a run's cost is 0 where it cannot be priced. */
    public static List<RunView> list(RunStore runs, ToDoubleFunction<RunManifest> cost, Clock clock) {
        List<RunManifest> manifests = runs.manifests();
        Map<String, RunManifest> byId = new java.util.HashMap<>();
        for (RunManifest m : manifests) byId.put(m.runId(), m);
        List<RunView> out = new ArrayList<>();
        for (RunListing.Row r : RunListing.rows(manifests, runs.blobs(), clock, RunLease.Processes.CURRENT))
            out.add(view(runs, byId.get(r.runId()), r, cost, false));
        return out;
    }

    /** One run with its files; an unknown run is a 404, a malformed id a 400. */
    public static RunView view(RunStore runs, String runId, ToDoubleFunction<RunManifest> cost, Clock clock) {
        return view(runs, require(runs, runId), cost, clock, true);
    }

    /** One run from its manifest already read; {@code withFiles} false leaves its folder unlisted. */
    public static RunView view(
            RunStore runs, RunManifest m, ToDoubleFunction<RunManifest> cost, Clock clock, boolean withFiles) {
        return view(runs, m, RunListing.row(runs.blobs(), m, clock, RunLease.Processes.CURRENT), cost, withFiles);
    }

    private static RunView view(
            RunStore runs, RunManifest m, RunListing.Row row, ToDoubleFunction<RunManifest> cost, boolean withFiles) {
        List<StageView> stages = new ArrayList<>();
        long millis = 0;
        for (var e : m.stages().entrySet()) {
            StageState s = e.getValue();
            if (s.millis() != null) millis += s.millis();
            stages.add(new StageView(e.getKey(), lower(s.status().name()), s.millis(), s.error()));
        }
        double usd;
        try {
            usd = cost.applyAsDouble(m);
        } catch (RuntimeException unpriced) {
            usd = 0;
        }
        return new RunView(
                m.runId(),
                lower(row.status().name()),
                m.input().title(),
                m.createdAt(),
                row.stagesDone(),
                row.stages(),
                millis / 1000,
                usd,
                row.error(),
                m.input().uploadKey(),
                stages,
                withFiles ? files(runs, m.runId()) : List.of(),
                Map.of(),
                null);
    }

    /** The run's manifest; empty when the store has no such run; a malformed id is a 400. */
    public static Optional<RunManifest> manifest(RunStore runs, String runId) {
        if (!RunIds.valid(runId)) throw new Refused(400, "not a run id: " + runId);
        return runs.exists(runId) ? Optional.of(runs.manifest(runId)) : Optional.empty();
    }

    /** The run's manifest, or a 404. */
    public static RunManifest require(RunStore runs, String runId) {
        return manifest(runs, runId).orElseThrow(() -> new Refused(404, "no run " + runId + " for this tenant"));
    }

    /** The run's files, relative to its folder (its lease and temporary files left out). */
    public static List<String> files(RunStore runs, String runId) {
        try {
            return runs.blobs().list(runId + "/").stream()
                    .map(k -> k.substring(runId.length() + 1))
                    .filter(k -> !k.startsWith(RunLease.FOLDER)
                            && !k.equals(RunProgressFile.FILE)
                            && !k.contains("/.")
                            && !k.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list run " + runId, e);
        }
    }

    /** The store key of one file of a run; a path outside the run's folder is a 400. */
    public static String fileKey(String runId, String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\"))
            throw new Refused(400, "not a file of a run: " + path);
        return runId + "/" + path;
    }

    /** One file of a run. */
    public static byte[] file(RunStore runs, String runId, String path) {
        require(runs, runId);
        try {
            return runs.blobs()
                    .get(fileKey(runId, path))
                    .orElseThrow(() -> new Refused(404, "run " + runId + " has no file " + path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of run " + runId, e);
        }
    }

    /** Every file of a run in one zip, under a folder named after the run. */
    public static void zip(RunStore runs, String runId, OutputStream to) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(to)) {
            for (String f : files(runs, runId)) {
                Optional<byte[]> bytes = runs.blobs().get(runId + "/" + f);
                if (bytes.isEmpty()) continue; // deleted since the listing
                zip.putNextEntry(new ZipEntry(runId + "/" + f));
                zip.write(bytes.get());
                zip.closeEntry();
            }
        }
    }

    /** Deletes every file of a run (the caller has checked that nothing works on it). */
    public static void delete(RunStore runs, String runId) {
        try {
            for (String k : runs.blobs().list(runId + "/")) runs.blobs().delete(k);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete run " + runId, e);
        }
    }

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8",
            "md", "text/markdown; charset=utf-8",
            "csv", "text/csv; charset=utf-8",
            "zip", "application/zip");

    /** The media type a run's file is served as, from its name; unknown kinds as bytes. */
    public static String contentType(String path) {
        return TYPES.getOrDefault(lower(path.substring(path.lastIndexOf('.') + 1)), "application/octet-stream");
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
