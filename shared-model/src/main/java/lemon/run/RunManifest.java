package lemon.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * manifest.json of a run: what went in, which components did the work (so a reader can tell an
 * offline analyst from an LLM), the options every later stage reads, and each stage's state.
 */
public record RunManifest(
        int schema,
        String runId,
        String createdAt,
        Input input,
        RunOptions options,
        Map<String, String> components,
        Map<String, StageState> stages,
        List<String> warnings) {
    public static final int SCHEMA = 1;

    public RunManifest {
        // sorted components and stages in workflow order keep manifest.json stable and readable
        components = Collections.unmodifiableMap(new TreeMap<>(components));
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        warnings = List.copyOf(warnings);
    }

    public record Input(String fileName, long bytes, String sha256, int words, String title) {}

    public StageState stage(String name) {
        return stages.getOrDefault(name, StageState.pending());
    }

    public RunManifest withStage(String name, StageState state) {
        Map<String, StageState> copy = new LinkedHashMap<>(stages);
        copy.put(name, state);
        return new RunManifest(schema, runId, createdAt, input, options, components, copy, warnings);
    }

    public RunManifest withComponent(String role, String what) {
        Map<String, String> copy = new TreeMap<>(components);
        copy.put(role, what);
        return new RunManifest(schema, runId, createdAt, input, options, copy, stages, warnings);
    }

    public RunManifest withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        more.stream().filter(w -> !all.contains(w)).forEach(all::add);
        return new RunManifest(schema, runId, createdAt, input, options, components, stages, all);
    }
}
