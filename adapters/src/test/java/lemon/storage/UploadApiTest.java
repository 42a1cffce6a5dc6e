package lemon.storage;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import lemon.testing.InMemoryBlobStore;
import lemon.upload.UploadOptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

class UploadApiTest {
    final InMemoryBlobStore store = new InMemoryBlobStore();
    final UploadApi api = new UploadApi(
            new UploadDesk(
                    new UploadForms(
                            "s3://stories/runs",
                            2000,
                            () -> AwsBasicCredentials.create("AKIDEXAMPLE", "secret"),
                            Clock.fixed(PresignedPostTest.NOW, ZoneOffset.UTC)),
                    store),
            "custom:tenant");

    static JsonNode json(UploadApi.Answer a) throws Exception {
        return UploadApi.JSON.readTree(a.body());
    }

    @Test
    void theTenantIsTheTokensAndTheOptionsAreKeptBesideTheUpload() throws Exception {
        UploadApi.Answer a = api.answer(
                "acme",
                "{\"fileName\": \"tale.md\", \"options\": {\"scenes\": 12, \"iterations\": 1, \"budget\": 0.5}}");
        assertEquals(200, a.status(), a.body());
        JsonNode form = json(a).path("form");
        String key = form.path("key").asText();
        assertTrue(key.matches("uploads/acme/[0-9a-f-]{36}/tale\\.md"), key);
        assertEquals("runs/" + key, form.path("fields").path("key").asText());
        assertEquals("text/markdown", form.path("fields").path("Content-Type").asText());
        assertEquals("2026-12-02T18:15:00Z", form.path("expires").asText());
        assertEquals(
                new UploadOptions(12, null, null, null, 1, null, 0.5),
                UploadOptions.parse(store.get(UploadOptions.keyBeside(key)).orElseThrow()));
        // the same with the caller's own tenant named, and without options: nothing beside the upload
        UploadApi.Answer named = api.answer("acme", "{\"tenant\": \"acme\", \"fileName\": \"tale.txt\"}");
        assertEquals(200, named.status(), named.body());
        assertFalse(store.exists(
                UploadOptions.keyBeside(json(named).path("form").path("key").asText())));
    }

    @Test
    void whatTheCallerMayNotAskIsRefusedWithWhyAndWritesNothing() throws Exception {
        record Case(String tenant, String body, int status, String why) {}
        for (Case c : List.of(
                new Case(null, "{\"fileName\": \"a.txt\"}", 401, "names no tenant (claim 'custom:tenant')"),
                new Case("acme", "{\"tenant\": \"globex\", \"fileName\": \"a.txt\"}", 403, "only to its own folder"),
                new Case("acme", "{\"fileName\": \"a.txt\", \"colour\": \"red\"}", 400, "colour"),
                new Case("acme", "not json", 400, "the request is not"),
                new Case("acme", "{}", 400, "names no fileName"),
                new Case("acme", "{\"fileName\": \"a.pdf\"}", 400, ".pdf"),
                new Case(
                        "acme",
                        "{\"fileName\": \"a.txt\", \"options\": {\"scenes\": 500}}",
                        400,
                        "scenes must be between"),
                new Case("Acme", "{\"fileName\": \"a.txt\"}", 400, "is not a tenant id"))) {
            UploadApi.Answer a = api.answer(c.tenant(), c.body());
            assertEquals(c.status(), a.status(), c + " → " + a.body());
            assertEquals("refused", json(a).path("status").asText());
            assertTrue(json(a).path("message").asText().contains(c.why()), c + " → " + a.body());
        }
        assertEquals(List.of(), store.list(""));
    }
}
