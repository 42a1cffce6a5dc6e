package lemon.mini.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for long training runs: steps done, rate, time left and the latest
 * loss. On a terminal it redraws in place; in logs (CI, files) it prints a line every few percent.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean inPlace;
    private final long startNanos = System.nanoTime();
    private int lastPercentPrinted = -1;

    public ProgressBar(PrintStream out, String label, long total, boolean inPlace) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.inPlace = inPlace;
    }

    /** A bar that redraws in place only when a console is attached. */
    public static ProgressBar forConsole(String label, long total) {
        return forConsole(System.out, label, total);
    }

    /** In place (carriage returns) only when {@code out} is the terminal's standard output. */
    public static ProgressBar forConsole(java.io.PrintStream out, String label, long total) {
        return new ProgressBar(out, label, total, out == System.out && System.console() != null);
    }

    public void update(long done, double loss) {
        int percent = (int) (100 * Math.min(done, total) / total);
        if (!inPlace && percent / 5 == lastPercentPrinted / 5 && done < total) {
            return;
        }
        lastPercentPrinted = percent;
        out.print(render(done, loss, (System.nanoTime() - startNanos) / 1e9));
        out.print(inPlace && done < total ? "\r" : "\n");
        out.flush();
    }

    String render(long done, double loss, double seconds) {
        long clamped = Math.min(done, total);
        int filled = (int) (WIDTH * clamped / total);
        double rate = seconds > 0 ? clamped / seconds : 0;
        long left = rate > 0 ? (long) ((total - clamped) / rate) : -1;
        return String.format(
                Locale.ROOT,
                "%-12s [%s%s] %3d%% %,d/%,d  %.1f steps/s  %s left  loss %.4f",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                (int) (100 * clamped / total),
                clamped,
                total,
                rate,
                left < 0 ? "?" : String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60),
                loss);
    }
}
