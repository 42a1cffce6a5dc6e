package lemon.cost;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import lemon.run.RunIds;
import lemon.run.RunManifest;
import lemon.run.RunStore;

/**
 * What one tenant's runs started in a calendar month (UTC, by the {@code createdAt} of each run's
 * manifest) have cost so far: what a per-tenant monthly cap is checked against. A run counts wholly to
 * the month it started in, stages done later included, so a run begun on the 31st does not spill into
 * the next month's cap.
 *
 * <p>It reads every manifest of the tenant's folder, each time it is asked: one listing and N
 * manifest reads per stage start, which is fine for tens or hundreds of runs a month. A tenant with
 * thousands would want the total kept in a ledger of its own (a per-month object updated as stages
 * finish) instead of summed from the runs.
 */
public record MonthlySpend(YearMonth month, double total, int runs) {
    /**
     * @param runs   one tenant's runs: its folder of the store (the store's own top for runs without a tenant)
     * @param costOf what a run has cost so far, at the prices the cap is reckoned in
     */
    public static MonthlySpend of(RunStore runs, YearMonth month, Function<RunManifest, RunCost> costOf) {
        double total = 0;
        int counted = 0;
        try {
            // a run is a top-level folder with a manifest; deeper keys (another tenant's runs below the
            // store's top, a run's own files) and uploads, which have no manifest, are not runs of this folder
            for (String key : runs.blobs().list("")) {
                int slash = key.indexOf('/');
                if (slash < 0 || !key.substring(slash + 1).equals(RunStore.MANIFEST)) {
                    continue;
                }
                String runId = key.substring(0, slash);
                if (!RunIds.valid(runId)) {
                    continue;
                }
                Optional<RunManifest> m = readable(runs, runId);
                if (m.isPresent() && month.equals(startMonth(m.get()))) {
                    total += costOf.apply(m.get()).total();
                    counted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot list the runs in " + runs.blobs().describe(), e);
        }
        return new MonthlySpend(month, total, counted);
    }

    /** The month (UTC) a run started in; null when its manifest does not say in a form this code reads. */
    static YearMonth startMonth(RunManifest m) {
        try {
            return m.createdAt() == null
                    ? null
                    : YearMonth.from(Instant.parse(m.createdAt()).atZone(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<RunManifest> readable(RunStore runs, String runId) {
        try {
            return runs.read(runId, RunStore.MANIFEST, new TypeReference<RunManifest>() {});
        } catch (UncheckedIOException unreadable) {
            // a manifest this code cannot read (another version's) is left out rather than stopping every
            // stage of the tenant; a store that cannot be read at all fails the listing above
            return Optional.empty();
        }
    }
}
