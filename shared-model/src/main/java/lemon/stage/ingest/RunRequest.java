package lemon.stage.ingest;

import java.util.ArrayList;
import java.util.List;
import lemon.run.RunManifest;
import lemon.run.RunOptions;

/**
 * What a request to start a run asks for, compared with the run already stored under its id: equal
 * means the request continues that run; any difference means it would mix two runs in one folder,
 * so it is refused with every difference named.
 *
 * @param llm null when the pipeline does not say which LLM it uses (then it is not compared)
 */
public record RunRequest(String fileName, String sha256, RunOptions options, RunManifest.Llm llm) {
    /** Each difference as "what: the run has X, this request Y"; empty when the request matches. */
    public List<String> differences(RunManifest run) {
        List<String> d = new ArrayList<>();
        if (!sha256.equals(run.input().sha256())) {
            d.add("story: the run has "
                    + story(run.input().fileName(), run.input().sha256()) + ", this request "
                    + story(fileName, sha256));
        }
        option(d, "--scenes", run.options().scenes(), options.scenes());
        option(d, "--top-k", run.options().topK(), options.topK());
        option(d, "--portraits", run.options().portraits(), options.portraits());
        option(d, "--seeds-per-scene", run.options().seedsPerScene(), options.seedsPerScene());
        option(d, "--iterations", run.options().iterations(), options.iterations());
        if (run.options().seed() != options.seed()) {
            d.add("--seed: the run has " + run.options().seed() + ", this request " + options.seed());
        }
        if (!run.options().style().equals(options.style())) {
            d.add("--style: the run has \"" + run.options().style() + "\", this request \"" + options.style() + "\"");
        }
        if (!run.options().cast().equals(options.cast())) {
            d.add("--cast: the run has " + (run.options().cast().isEmpty() ? "none" : "other corrections")
                    + ", this request " + (options.cast().isEmpty() ? "none" : "other corrections"));
        }
        if (llm != null && run.llm() != null && !llm.equals(run.llm())) {
            d.add("LLM: the run has " + run.llm().describe() + ", this request " + llm.describe());
        }
        return d;
    }

    /** The one-line refusal for a request that differs from the stored run. */
    public static String refusal(String runId, List<String> differences) {
        return "run '" + runId + "' already exists with other settings (" + String.join("; ", differences)
                + "); choose another --run-id for a new run, or continue that one with: lemon resume " + runId;
    }

    private static String story(String fileName, String sha256) {
        return fileName + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + "…)";
    }

    private static void option(List<String> d, String name, int run, int requested) {
        if (run != requested) {
            d.add(name + ": the run has " + run + ", this request " + requested);
        }
    }
}
