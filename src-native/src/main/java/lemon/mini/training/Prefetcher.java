package lemon.mini.training;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Renders training batches one ahead on a daemon thread. A batch is named by a key (a step or a
 * data cursor); asking for a key other than the one rendered ahead (after a resume or a rollback)
 * renders it now, so what a step trains on never depends on timing.
 */
public final class Prefetcher<T> implements AutoCloseable {
    private final ExecutorService thread;
    private final LongFunction<T> render;
    private Future<T> ahead;
    private long aheadKey;

    public Prefetcher(String threadName, LongFunction<T> render) {
        this.render = render;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The batch for {@code key}; starts rendering the one for {@code following(batch)} in the background. */
    public T take(long key, ToLongFunction<T> following) {
        T batch;
        try {
            batch = ahead != null && aheadKey == key ? ahead.get() : render.apply(key);
        } catch (Exception e) {
            throw new IllegalStateException("rendering training data failed", e);
        }
        long next = following.applyAsLong(batch);
        aheadKey = next;
        ahead = thread.submit(() -> render.apply(next));
        return batch;
    }

    /** Waits for the batch being rendered ahead, if any, and forgets it. */
    public void drain() {
        if (ahead != null) {
            try {
                ahead.get();
            } catch (Exception ignored) {
                // a failed render ahead is re-done (and reported) when its key is taken
            }
        }
        ahead = null;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
