package lemon.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The workflow execution working on an upload's run, kept in the tenant's folder as
 * {@code executions/<upload id>.json} (not beside the upload, where every write would notify the upload
 * trigger again): written when the trigger starts it and again when the runs API resumes the run, so the
 * API can ask the workflow where the run stands. {@code name} is the execution's name in the state machine.
 */
public record UploadExecution(String name, String startedAt) {
    public static final String FOLDER = "executions/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where the record of an upload lies in its tenant's folder; empty for a key no upload form makes
     * (a run started from a file by the CLI).
     *
     * @param uploadKey the upload as its tenant's runs name it, {@code uploads/<id>/<file>}
     */
    public static java.util.Optional<String> keyFor(String uploadKey) {
        String[] parts = uploadKey == null ? new String[0] : uploadKey.split("/");
        boolean form = parts.length == 3
                && (parts[0] + "/").equals(lemon.port.TenantBlobStore.UPLOADS)
                && !parts[1].isEmpty()
                && !parts[1].equals("..");
        return form ? java.util.Optional.of(FOLDER + parts[1] + ".json") : java.util.Optional.empty();
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not such a record */
    public static UploadExecution parse(byte[] json) {
        try {
            UploadExecution e = JSON.readValue(json, UploadExecution.class);
            if (e.name() == null || e.name().isBlank()) throw new IllegalArgumentException("names no execution");
            return e;
        } catch (IOException e) {
            throw new IllegalArgumentException("not an execution record: " + e.getMessage(), e);
        }
    }
}
