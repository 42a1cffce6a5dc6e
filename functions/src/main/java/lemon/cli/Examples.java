package lemon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The retellings shipped with LeMon (shared-model resources lemon/examples/NAME.md). */
public final class Examples {
    public static final String DEFAULT = "ali-baba";
    public static final List<String> NAMES = List.of("ali-baba", "valiant-tailor");

    private Examples() {}

    public static byte[] read(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no bundled example '" + name + "'; there are " + NAMES);
        }
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream("lemon/examples/" + name + ".md")) {
            if (in == null) {
                throw new IllegalStateException("example " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
