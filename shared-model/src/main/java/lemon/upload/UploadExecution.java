package lemon.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The workflow execution working on an upload's run, kept beside the upload ({@code execution.json}):
 * written when the trigger starts it and again when the runs API resumes or stops the run, so the API
 * can ask the workflow where the run stands. {@code name} is the execution's name in the state machine.
 */
public record UploadExecution(String name, String startedAt) {
    public static final String FILE = "execution.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the record of the upload at {@code uploadKey} lies: its folder's {@value #FILE}. */
    public static String keyBeside(String uploadKey) {
        return uploadKey.substring(0, uploadKey.lastIndexOf('/') + 1) + FILE;
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
