package lemon.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The progress lines of one run as the CLI prints them, numbered from 1, kept so that a page that
 * reloads (or a second viewer) gets every line again, and pushed to whoever listens now. A bounded
 * tail is kept: a long run's lines beyond it are dropped from the front, never the newest.
 */
public final class RunLines {
    /** One line and its number; {@code last} marks the run's end (no more lines follow). */
    public record Line(long seq, String text, boolean last) {}

    static final int KEEP = 2_000;

    private final List<Line> lines = new ArrayList<>();
    private final List<Consumer<Line>> listeners = new CopyOnWriteArrayList<>();
    private long next = 1;
    private boolean closed;

    /** Adds a line (blank ones are left out) and hands it to every listener. */
    public void add(String text) {
        if (text == null || text.isBlank()) return;
        publish(text.stripTrailing(), false);
    }

    /** The run has ended with this line; later lines are ignored. */
    public void close(String text) {
        publish(text, true);
    }

    // Listeners are called under the lock (they only queue the line), so one that starts following
    // in between gets each line exactly once.
    private synchronized void publish(String text, boolean last) {
        if (closed) return;
        closed = last;
        Line line = new Line(next++, text, last);
        lines.add(line);
        if (lines.size() > KEEP) lines.subList(0, lines.size() - KEEP).clear();
        for (Consumer<Line> l : listeners) l.accept(line);
    }

    public synchronized boolean closed() {
        return closed;
    }

    /**
     * Hands {@code listener} every kept line after {@code afterSeq}, then each new one as it comes,
     * with none lost or repeated in between; closing the result stops it.
     */
    public AutoCloseable follow(long afterSeq, Consumer<Line> listener) {
        synchronized (this) {
            for (Line l : lines) if (l.seq() > afterSeq) listener.accept(l);
            if (closed) return () -> {};
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }
}
