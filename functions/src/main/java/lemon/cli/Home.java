package lemon.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is (the launcher exports LEMON_HOME) and the shared data beside it. */
final class Home {
    private Home() {}

    static Path root() {
        String home = System.getenv("LEMON_HOME");
        return home != null ? Path.of(home) : Path.of(".");
    }

    static Path sharedDir() {
        Path shared = root().resolve("../shared").normalize();
        if (!Files.isDirectory(shared)) {
            throw new IllegalArgumentException(
                    "shared data not found at " + shared.toAbsolutePath() + "; pass the folder explicitly");
        }
        return shared;
    }
}
