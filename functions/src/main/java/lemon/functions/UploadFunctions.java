package lemon.functions;

import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lemon.storage.UploadDesk;
import lemon.storage.UploadForms;
import lemon.upload.UploadOptions;

/**
 * The upload endpoint (not a workflow stage): a presigned S3 POST for one story of one tenant, so
 * a browser sends the file straight to the store and S3 checks its key, type and size. Here the
 * request names its tenant (a local server, one user); on AWS the deployment's authoriser does
 * ({@code UploadUrlLambda} in the lambda module).
 */
@ApplicationScoped
public class UploadFunctions {
    /**
     * Who uploads, the file's name (its extension chooses text or Markdown) and, optionally, the
     * run's options (what {@code lemon run}'s flags set), kept beside the upload for the trigger.
     */
    public record UploadRequest(String tenant, String fileName, UploadOptions options) {}

    private final PipelineProvider pipelines;

    @Inject
    public UploadFunctions(PipelineProvider pipelines) {
        this.pipelines = pipelines;
    }

    /**
     * {@code ready} with the form, or {@code refused} with why, as the stage functions answer a
     * rejected story: in the body, not as a server error.
     */
    @Funq("upload-url")
    public UploadDesk.Reply uploadUrl(UploadRequest in) {
        if (in == null) return UploadDesk.Reply.refused("upload-url needs {\"tenant\": ..., \"fileName\": ...}");
        var s = pipelines.settings();
        return new UploadDesk(
                        new UploadForms(s.store(), s.maxBytes()),
                        pipelines.get().runs().blobs())
                .open(in.tenant(), in.fileName(), in.options());
    }
}
