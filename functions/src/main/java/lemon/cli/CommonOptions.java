package lemon.cli;

import java.nio.file.Path;
import lemon.config.PipelineSettings;
import lemon.functions.PipelineProvider;
import lemon.run.RunIds;
import picocli.CommandLine.Option;

/** Options shared by run and resume: where runs are stored and which LLM does the text stages. */
public class CommonOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "folder for run outputs (default ./lemon-runs)")
    Path out;

    @Option(names = "--store", paramLabel = "URI", description = "store URI instead of --out, e.g. s3://bucket/prefix")
    String store;

    @Option(
            names = "--llm",
            paramLabel = "PROVIDER",
            description = "offline (default, rule-based), openai (any OpenAI-compatible server), bedrock, sagemaker (a"
                    + " SageMaker endpoint), gguf")
    String llm;

    @Option(
            names = "--llm-model",
            paramLabel = "MODEL",
            description = "model name, Bedrock model id, SageMaker endpoint name, or .gguf path")
    String llmModel;

    @Option(
            names = "--llm-url",
            paramLabel = "URL",
            description = "base URL of an OpenAI-compatible server, or a SageMaker runtime URL (e.g. a VPC endpoint's)")
    String llmUrl;

    @Option(
            names = "--cd-db",
            paramLabel = "FILE",
            description = "your own C.D. database (JSONL) instead of the bundled one")
    Path cdDatabase;

    /**
     * The provider over the store that holds {@code runId}, or null after saying what is wrong (a bad
     * id, or no such run where these options point).
     */
    PipelineProvider storedRun(PipelineProvider configured, String runId) {
        return storedRun(configured, runId, null);
    }

    /** As above, for a tenant's run (under tenants/TENANT/ of the store; blank: the store itself). */
    PipelineProvider storedRun(PipelineProvider configured, String runId, String tenant) {
        if (!RunIds.valid(runId)) {
            System.err.println("lemon: " + new RunIds.InvalidRunIdException(runId).getMessage());
            return null;
        }
        PipelineProvider provider = provider(configured);
        return runExists(provider, runId, tenant) ? provider : null;
    }

    /** The configured provider with these options applied. */
    PipelineProvider provider(PipelineProvider configured) {
        return configured.with(apply(configured.settings()));
    }

    /**
     * True if the provider's store holds {@code runId}; otherwise prints where it looked.
     */
    static boolean runExists(PipelineProvider provider, String runId) {
        return runExists(provider, runId, null);
    }

    static boolean runExists(PipelineProvider provider, String runId, String tenant) {
        // not provider.get(): its LLM may not be the run's
        var runs = ExistingRun.store(provider).forTenant(tenant);
        if (!runs.exists(runId)) {
            System.err.println("lemon: no run '" + runId + "' in "
                    + runs.blobs().describe() + " (use --out/--store to point at where it was stored)");
            return false;
        }
        return true;
    }

    /** The option that points another command at the same store: " --out DIR", " --store URI" or "". */
    String storeOption() {
        return out != null ? " --out " + out : store != null ? " --store " + store : "";
    }

    PipelineSettings apply(PipelineSettings s) {
        if (out != null && store != null) {
            throw new IllegalArgumentException("give --out or --store, not both");
        }
        if (out != null) {
            s = s.withStore(out.toString());
        } else if (store != null) {
            s = s.withStore(store);
        }
        if (llm != null || llmModel != null || llmUrl != null) {
            s = s.withLlm(s.llm().withProvider(llm != null ? llm : s.llm().provider(), llmModel, llmUrl));
        }
        if (cdDatabase != null) {
            s = s.withCdDatabase(cdDatabase.toString());
        }
        return s;
    }
}
