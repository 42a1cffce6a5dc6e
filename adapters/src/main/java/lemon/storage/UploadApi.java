package lemon.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import lemon.upload.UploadOptions;

/**
 * The upload endpoint as the deployment serves it: the tenant is who the deployment's authoriser
 * says the caller is (a claim of the caller's token), never what the request body says; the body
 * names the file and, optionally, the run options. Answers an HTTP status and a JSON body.
 */
public final class UploadApi {
    /** What the caller sends; a {@code tenant} in it must be the caller's own. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Request(String tenant, String fileName, UploadOptions options) {}

    public record Answer(int status, String body) {}

    /** Strict about what callers send; a form's expiry written as ISO-8601, as the Funqy endpoint writes it. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(
                            java.time.Instant.class,
                            com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    private final UploadDesk desk;
    private final String claim;

    /** @param claim the token claim that names the caller's tenant (e.g. {@code custom:tenant}) */
    public UploadApi(UploadDesk desk, String claim) {
        this.desk = desk;
        this.claim = claim;
    }

    /**
     * @param tenant the caller's tenant from its verified token; null when the token has no such claim
     * @param body the request body as sent
     */
    public Answer answer(String tenant, String body) {
        if (tenant == null || tenant.isBlank()) {
            return refused(
                    401,
                    "the caller's token names no tenant (claim '" + claim
                            + "'): ask the identity provider's administrator to set it");
        }
        Request in;
        try {
            in = JSON.readValue(body == null || body.isBlank() ? "{}" : body, Request.class);
        } catch (IOException e) {
            return refused(
                    400,
                    "the request is not {\"fileName\": ..., \"options\": {...}}: "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                    ? j.getOriginalMessage()
                                    : e.getMessage()));
        }
        if (in.tenant() != null && !in.tenant().equals(tenant)) {
            return refused(
                    403, "tenant '" + tenant + "' may upload only to its own folder, not to '" + in.tenant() + "'");
        }
        if (in.fileName() == null) return refused(400, "the request names no fileName");
        UploadDesk.Reply reply = desk.open(tenant, in.fileName(), in.options());
        return new Answer(reply.form() != null ? 200 : 400, json(reply));
    }

    private static Answer refused(int status, String why) {
        return new Answer(status, json(UploadDesk.Reply.refused(why)));
    }

    private static String json(UploadDesk.Reply reply) {
        try {
            return JSON.writeValueAsString(reply);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
