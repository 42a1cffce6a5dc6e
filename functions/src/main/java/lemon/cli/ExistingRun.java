package lemon.cli;

import java.util.List;
import lemon.functions.PipelineProvider;
import lemon.ingest.StoryIngest;
import lemon.llm.RunLlm;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.ingest.RunRequest;
import lemon.storage.BlobStores;

/** What run and resume do with a run that is already stored: continue it with its own LLM. */
final class ExistingRun {
    private ExistingRun() {}

    /** The store named by the provider's settings, opened without building the pipeline's engines. */
    static RunStore store(PipelineProvider provider) {
        return new RunStore(BlobStores.fromUri(provider.settings().store()));
    }

    /**
     * The LLM to continue {@code runId} with ({@link RunLlm#forRun}): the run's own unless the
     * options name another, which is refused (IllegalArgumentException, the difference named).
     */
    static RunLlm.Choice llm(PipelineProvider provider, CommonOptions common, String runId) {
        return RunLlm.forRun(
                runId,
                store(provider).manifest(runId).llm(),
                provider.settings().llm(),
                common.llm,
                common.llmModel,
                common.llmUrl);
    }

    static PipelineProvider with(PipelineProvider provider, RunLlm.Choice choice) {
        return provider.with(provider.settings().withLlm(choice.settings()));
    }

    /**
     * {@code lemon run} with the id of a stored run: the provider to continue it with (its own LLM),
     * or IllegalArgumentException naming what differs, before the upload is stored or the run's
     * lease waited for. Ingest checks again under the lease, for a run created in the meantime.
     */
    static PipelineProvider toContinue(
            PipelineProvider provider,
            CommonOptions common,
            String runId,
            String fileName,
            byte[] story,
            RunOptions options) {
        RunManifest run = store(provider).manifest(runId);
        PipelineProvider same = with(provider, llm(provider, common, runId));
        List<String> differences = new RunRequest(fileName, StoryIngest.sha256(story), options, null).differences(run);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(RunRequest.refusal(runId, differences));
        }
        return same;
    }
}
