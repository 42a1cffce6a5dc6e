package lemon.mini.training;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Every loss point of a run appended to {@code DIR/loss-<model>.csv}, so a resumed run's
 * loss-curves.png still shows the steps before the kill. Points past the checkpoint being
 * resumed from (trained, then lost with the kill) are dropped on reload.
 */
final class LossLog implements AutoCloseable {
    private final BufferedWriter out;

    LossLog(Path workDir, String model, LossCurves curves, long resumedStep) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("loss-" + model + ".csv");
        StringBuilder kept = new StringBuilder();
        if (resumedStep > 0 && Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(",");
                if (f.length != 2) continue;
                long step = Long.parseLong(f[0]);
                if (step > resumedStep) continue;
                curves.add(model, step, Double.parseDouble(f[1]));
                kept.append(line).append('\n');
            }
        }
        Files.writeString(file, kept, StandardCharsets.UTF_8);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    void add(LossCurves curves, String model, long step, double loss) throws IOException {
        curves.add(model, step, loss);
        out.write(String.format(Locale.ROOT, "%d,%.6g%n", step, loss));
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
