package lemon.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import lemon.port.BlobStore;
import lemon.upload.UploadOptions;

/**
 * Where an uploader asks to upload one story: the presigned form for its slot, and the run options
 * it chose kept beside the upload for the trigger. Every fault of the request (tenant, name, type,
 * options, a store that cannot take uploads) is a refusal with why, answered in the body; nothing
 * is written for a refused request.
 */
public final class UploadDesk {
    /** {@code ready} with the form, or {@code refused} with why and no form. */
    public record Reply(String status, String message, UploadForms.Form form) {
        public static Reply refused(String why) {
            return new Reply("refused", why, null);
        }
    }

    private final UploadForms forms;
    private final BlobStore store;

    /** @param store the store's root, where the form's key (and so the options beside it) lies */
    public UploadDesk(UploadForms forms, BlobStore store) {
        this.forms = forms;
        this.store = store;
    }

    public Reply open(String tenant, String fileName, UploadOptions options) {
        try {
            UploadOptions checked = options == null ? null : options.check();
            UploadForms.Form form = forms.open(tenant, fileName);
            if (checked != null) store.put(UploadOptions.keyBeside(form.key()), checked.toJson());
            return new Reply(
                    "ready",
                    "post the fields and then the file (at most " + form.maxBytes() + " bytes) to the url before "
                            + form.expires(),
                    form);
        } catch (IllegalArgumentException e) {
            return Reply.refused(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the run options beside the upload", e);
        }
    }
}
