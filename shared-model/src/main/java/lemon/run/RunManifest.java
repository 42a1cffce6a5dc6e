package lemon.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * manifest.json of a run: what went in, which components did the work (so a reader can tell an
 * offline analyst from an LLM), the options every later stage reads, the LLM the run was created
 * with (so a resume uses the same one), and each stage's state.
 */
public record RunManifest(
        int schema,
        String runId,
        String createdAt,
        Input input,
        RunOptions options,
        Llm llm,
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

    /** @param uploadKey where the story was read from, so an interrupted ingest can finish */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String fileName, long bytes, String sha256, int words, String title, String uploadKey) {}

    /**
     * Which LLM does the text stages: provider, model, server URL, and the region for Bedrock; never
     * a key. Null in manifests written before LeMon recorded it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Llm(String provider, String model, String url, String region) {
        public static final Llm OFFLINE = new Llm("offline", null, null, null);

        /** "openai llama2 at http://localhost:11434/v1", "offline (rule-based analyst and describer)". */
        public String describe() {
            if (provider.equals("offline")) {
                return "offline (rule-based analyst and describer)";
            }
            return provider
                    + (model == null ? "" : " " + model)
                    + (url == null ? "" : " at " + url)
                    + (region == null ? "" : " in " + region);
        }

        /** Fields of {@code other} that differ from this one, named: "model llama2 → mistral". */
        public java.util.List<String> differences(Llm other) {
            java.util.List<String> d = new java.util.ArrayList<>();
            diff(d, "provider", provider, other.provider);
            diff(d, "model", model, other.model);
            diff(d, "URL", url, other.url);
            diff(d, "region", region, other.region);
            return d;
        }

        private static void diff(java.util.List<String> d, String what, String mine, String theirs) {
            if (!java.util.Objects.equals(mine, theirs)) {
                d.add(what + " " + (mine == null ? "(none)" : mine) + " → " + (theirs == null ? "(none)" : theirs));
            }
        }
    }

    public StageState stage(String name) {
        return stages.getOrDefault(name, StageState.pending());
    }

    /** The same run with other options (a resume that raises the budget). */
    public RunManifest withOptions(RunOptions changed) {
        return new RunManifest(schema, runId, createdAt, input, changed, llm, components, stages, warnings);
    }

    public RunManifest withStage(String name, StageState state) {
        Map<String, StageState> copy = new LinkedHashMap<>(stages);
        copy.put(name, state);
        return new RunManifest(schema, runId, createdAt, input, options, llm, components, copy, warnings);
    }

    public RunManifest withComponent(String role, String what) {
        Map<String, String> copy = new TreeMap<>(components);
        copy.put(role, what);
        return new RunManifest(schema, runId, createdAt, input, options, llm, copy, stages, warnings);
    }

    public RunManifest withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        more.stream().filter(w -> !all.contains(w)).forEach(all::add);
        return new RunManifest(schema, runId, createdAt, input, options, llm, components, stages, all);
    }
}
