package lemon.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import lemon.port.BlobStore;

/** The runs of a store, newest first, each with where it stands: what {@code lemon runs} prints. */
public final class RunListing {
    /** Where a run stands. FAILED and INTERRUPTED runs are the ones to {@code lemon resume}. */
    public enum Status {
        /** A process holds the run's lease now. */
        RUNNING,
        DONE,
        /** A stage failed; the manifest has its error. */
        FAILED,
        /** Stopped before the end without a recorded failure (killed, Ctrl-C), and nobody works on it. */
        INTERRUPTED;

        public boolean needsResume() {
            return this == FAILED || this == INTERRUPTED;
        }
    }

    /** One run: id, status, title, stages done of all, when it was created, and the failed stage's error. */
    public record Row(
            String runId, Status status, String title, int stagesDone, int stages, Instant createdAt, String error) {
        /** "12s", "5m", "3h", "2d": how long ago the run was created. */
        public String age(Instant now) {
            long s = Math.max(0, Duration.between(createdAt, now).toSeconds());
            if (s < 60) {
                return s + "s";
            }
            if (s < 3600) {
                return s / 60 + "m";
            }
            if (s < 86_400) {
                return s / 3600 + "h";
            }
            return s / 86_400 + "d";
        }
    }

    private RunListing() {}

    public static List<Row> list(BlobStore blobs, Clock clock, RunLease.Processes processes) {
        return rows(new RunStore(blobs).manifests(), blobs, clock, processes);
    }

    /** The rows of manifests already read from {@code blobs}, newest first. */
    public static List<Row> rows(
            List<RunManifest> manifests, BlobStore blobs, Clock clock, RunLease.Processes processes) {
        List<Row> rows = new ArrayList<>();
        for (RunManifest m : manifests) rows.add(row(blobs, m, clock, processes));
        rows.sort(Comparator.comparing(Row::createdAt).reversed().thenComparing(Row::runId));
        return rows;
    }

    /** One run's row, without listing the others (the web app's view of one run). */
    public static Row row(BlobStore blobs, RunManifest m, Clock clock, RunLease.Processes processes) {
        return row(m, RunLease.holder(blobs, m.runId(), clock, processes).isPresent());
    }

    static Row row(RunManifest m, boolean held) {
        int done = 0;
        String error = null;
        boolean failed = false;
        for (StageState s : m.stages().values()) {
            if (s.status() == StageState.Status.DONE) {
                done++;
            } else if (s.status() == StageState.Status.FAILED && !failed) {
                failed = true;
                error = s.error();
            }
        }
        Status status = held
                ? Status.RUNNING
                : failed ? Status.FAILED : done == m.stages().size() ? Status.DONE : Status.INTERRUPTED;
        return new Row(
                m.runId(),
                status,
                m.input().title(),
                done,
                m.stages().size(),
                Instant.parse(m.createdAt()),
                status == Status.FAILED ? error : null);
    }

    /** The table: a header and one line per run, and under a failed run its error. */
    public static List<String> table(List<Row> rows, Instant now) {
        List<String> lines = new ArrayList<>();
        int idWidth = Math.max(
                6, rows.stream().mapToInt(r -> r.runId().length()).max().orElse(0));
        String format = "%-" + idWidth + "s  %-11s  %-6s  %4s  %s";
        lines.add(String.format(Locale.ROOT, format, "RUN ID", "STATUS", "STAGES", "AGE", "TITLE"));
        for (Row r : rows) {
            String title = r.title() == null ? "" : r.title();
            lines.add(String.format(
                            Locale.ROOT,
                            format,
                            r.runId(),
                            r.status().name().toLowerCase(Locale.ROOT),
                            r.stagesDone() + "/" + r.stages(),
                            r.age(now),
                            title.length() > 60 ? title.substring(0, 57) + "..." : title)
                    .stripTrailing());
            if (r.error() != null) {
                String e = r.error().replaceAll("\\s+", " ");
                lines.add(" ".repeat(idWidth + 2) + "↳ " + (e.length() > 100 ? e.substring(0, 97) + "..." : e));
            }
        }
        return lines;
    }
}
