package lemon.mini.render;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

/**
 * Single-thread rendering throughput, portraits and scenes at 64 px, flat and watercolour.
 * Prints images per second ({@code lemon mini-world --bench SECONDS}).
 */
public final class RenderBenchmark {
    private RenderBenchmark() {}

    /** Measures each case for {@code seconds} (3 is enough for a stable rate), printing to {@code out}. */
    public static void run(double seconds, PrintStream out) {
        Random r = new Random(1);
        Attributes[] pool = new Attributes[256];
        for (int i = 0; i < pool.length; i++) pool[i] = Attributes.random(r);
        measure(out, "warm-up", seconds / 2, i -> PortraitRenderer.render(pool[i & 255], i, 64));
        measure(out, "portrait 64 px, mixed styles", seconds, i -> PortraitRenderer.render(pool[i & 255], i, 64));
        measure(
                out,
                "portrait 64 px, flat",
                seconds,
                i -> PortraitRenderer.render(pool[i & 255].withStyle(Attributes.Style.FLAT), i, 64));
        measure(
                out,
                "portrait 64 px, watercolour",
                seconds,
                i -> PortraitRenderer.render(pool[i & 255].withStyle(Attributes.Style.WATERCOLOUR), i, 64));
        measure(out, "portrait 32 px, mixed styles", seconds, i -> PortraitRenderer.render(pool[i & 255], i, 32));
        measure(
                out,
                "dataset stream 64 px (25% scenes, captions)",
                seconds,
                i -> DatasetGenerator.sample(7, i, 64, 0.25, 64, 64));
    }

    private static void measure(
            PrintStream out, String name, double seconds, java.util.function.IntFunction<Object> work) {
        long end = System.nanoTime() + (long) (seconds * 1e9), t0 = System.nanoTime();
        int n = 0;
        while (System.nanoTime() < end) work.apply(n++);
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "%-46s %8.0f images/s (one thread)%n", name, rate);
    }
}
