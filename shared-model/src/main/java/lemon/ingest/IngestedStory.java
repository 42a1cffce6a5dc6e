package lemon.ingest;

import java.util.List;

/** A validated, normalised story: LF line ends, no BOM, Markdown markup removed. */
public record IngestedStory(String title, String text, int words, long bytes, String sha256, List<String> warnings) {
    public IngestedStory {
        warnings = List.copyOf(warnings);
    }
}
