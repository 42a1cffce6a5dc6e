package lemon.stage;

import java.util.List;
import java.util.Map;

/**
 * What a stage reports when it finished: a line for people, a few numbers for the workflow, the
 * components that did the work (for the manifest), and warnings. The files it wrote are known to
 * the ledger through the {@link StageContext}.
 */
public record StageOutput(
        String message, Map<String, Object> summary, Map<String, String> components, List<String> warnings) {
    public StageOutput {
        summary = Map.copyOf(summary);
        components = Map.copyOf(components);
        warnings = List.copyOf(warnings);
    }

    public static StageOutput of(String message, Map<String, Object> summary) {
        return new StageOutput(message, summary, Map.of(), List.of());
    }

    public StageOutput withComponent(String role, String what) {
        var copy = new java.util.LinkedHashMap<>(components);
        copy.put(role, what);
        return new StageOutput(message, summary, copy, warnings);
    }
}
