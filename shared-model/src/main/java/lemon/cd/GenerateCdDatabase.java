package lemon.cd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the bundled C.D. database. Usage: {@code GenerateCdDatabase [out.jsonl]}, default
 * shared-model/src/main/resources/lemon/cd/cd-database.jsonl (run from the repository root).
 */
public final class GenerateCdDatabase {
    public static final String DEFAULT_OUT = "shared-model/src/main/resources/lemon/cd/cd-database.jsonl";

    private GenerateCdDatabase() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : DEFAULT_OUT);
        var generated = CdDatabaseGenerator.generate();
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, CdDatabaseGenerator.toJsonl(generated.pairs()), StandardCharsets.UTF_8);
        System.out.println("wrote " + generated.pairs().size() + " C.D. pairs to " + out);
    }
}
