package lemon.stage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the catalogue knows of a stage: its name (also the Funqy function's name, the Lambda's
 * {@code lemon-<name>} and the manifest key), the run files it reads and writes, and where it runs.
 */
public record StageSpec(String name, List<String> reads, List<String> writes, Placement placement, String summary) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public StageSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("stage name '" + name + "' must be lower-case words joined by '-'");
        }
        if (name.contains(StageKey.SEPARATOR)) {
            throw new IllegalArgumentException("stage name '" + name + "' must not contain " + StageKey.SEPARATOR);
        }
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }
}
