package lemon.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import lemon.run.RunOptions;

/**
 * The run options an uploader chose when asking for the upload form (what {@code lemon run}'s flags
 * set), kept beside the upload as {@code run-options.json}: an S3 notification carries no more
 * than the key, so the trigger reads them from there into the execution's input. Absent fields take
 * the defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadOptions(
        Integer scenes,
        Integer topK,
        Integer portraits,
        Integer seedsPerScene,
        Integer iterations,
        String style,
        Double budget) {
    /** The file's name in the upload's folder. */
    public static final String FILE = "run-options.json";

    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The same checks as the CLI's (a range error names the option); returns these options. */
    public UploadOptions check() {
        RunOptions d = RunOptions.defaults();
        new RunOptions(
                scenes == null ? d.scenes() : scenes,
                topK == null ? d.topK() : topK,
                portraits == null ? d.portraits() : portraits,
                seedsPerScene == null ? d.seedsPerScene() : seedsPerScene,
                iterations == null ? d.iterations() : iterations,
                style,
                null,
                budget);
        if (budget != null && !(budget > 0)) {
            throw new IllegalArgumentException("the budget must be more than 0 USD, got " + budget);
        }
        return this;
    }

    /** The key of the options beside an upload's key. */
    public static String keyBeside(String uploadKey) {
        return uploadKey.substring(0, uploadKey.lastIndexOf('/') + 1) + FILE;
    }

    public byte[] toJson() {
        try {
            return UploadEvents.JSON.writerFor(UploadOptions.class).writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parsed and checked; an unknown field or a value out of range is an IllegalArgumentException. */
    public static UploadOptions parse(byte[] json) {
        try {
            return STRICT.readValue(json, UploadOptions.class).check();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(FILE + " is not the run options: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The options as fields of the workflow's input (the names ingest reads). */
    Map<String, Object> asInput() {
        Map<String, Object> in = new LinkedHashMap<>();
        UploadEvents.JSON.convertValue(this, Map.class).forEach((k, v) -> in.put(String.valueOf(k), v));
        return in;
    }
}
