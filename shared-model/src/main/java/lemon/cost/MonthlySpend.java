package lemon.cost;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
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
        for (RunManifest m : runs.manifests()) {
            if (month.equals(startMonth(m))) {
                total += costOf.apply(m).total();
                counted++;
            }
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
}
