package lemon.functions;

import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lemon.storage.UploadForms;

/**
 * The upload endpoint (not a workflow stage): a presigned S3 POST for one story of one tenant, so
 * a browser sends the file straight to the store and S3 checks its key, type and size.
 */
@ApplicationScoped
public class UploadFunctions {
    /** Who uploads and the file's name (its extension chooses text or Markdown). */
    public record UploadRequest(String tenant, String fileName) {}

    /**
     * {@code ready} with the form, or {@code refused} with why (a bad tenant, name or type, or a store
     * that cannot take uploads), as the stage functions answer a rejected story: in the body, not as
     * a server error.
     */
    public record UploadReply(String status, String message, UploadForms.Form form) {}

    private final PipelineProvider pipelines;

    @Inject
    public UploadFunctions(PipelineProvider pipelines) {
        this.pipelines = pipelines;
    }

    @Funq("upload-url")
    public UploadReply uploadUrl(UploadRequest in) {
        if (in == null)
            return new UploadReply("refused", "upload-url needs {\"tenant\": ..., \"fileName\": ...}", null);
        var s = pipelines.settings();
        try {
            UploadForms.Form form = new UploadForms(s.store(), s.maxBytes()).open(in.tenant(), in.fileName());
            return new UploadReply(
                    "ready",
                    "post the fields and then the file (at most " + form.maxBytes() + " bytes) to the url before "
                            + form.expires(),
                    form);
        } catch (IllegalArgumentException e) {
            return new UploadReply("refused", e.getMessage(), null);
        }
    }
}
