package lemon.util;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An OutputStream that hands on whole lines: what a PrintStream-minded printer (a progress bar, the
 * workflow's stage lines) writes, cut at each newline or carriage return (a bar redrawn in place ends
 * a line too), decoded as UTF-8, empty lines left out.
 */
public final class LineOutput extends OutputStream {
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineOutput(Consumer<String> sink) {
        this.sink = sink;
    }

    /** A PrintStream over this, flushing at every line. */
    public static PrintStream printStream(Consumer<String> sink) {
        return new PrintStream(new LineOutput(sink), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n' || b == '\r') {
            if (line.size() > 0) sink.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void close() {
        write('\n');
    }
}
