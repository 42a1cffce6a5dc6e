package lemon.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Reads the public-domain tales from the shared data directory (never copied into the repo). */
final class Tales {
    private Tales() {}

    static Path dir() {
        String prop = System.getProperty("lemon.shared.dir");
        List<Path> tries = Stream.of(
                        prop == null ? null : Paths.get(prop),
                        Paths.get("..", "..", "shared"),
                        Paths.get("..", "shared"))
                .filter(p -> p != null)
                .toList();
        for (Path p : tries) {
            Path tales = p.resolve("data").resolve("tales");
            if (Files.isDirectory(tales)) return tales;
        }
        throw new IllegalStateException("tales not found; tried " + tries);
    }

    static String read(String file) {
        try {
            return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".txt"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
