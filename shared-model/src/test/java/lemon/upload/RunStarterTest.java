package lemon.upload;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStarterTest {
    /** Step Functions as far as names go: a name starts once. */
    static final class NamedExecutions implements RunStarter.Executions {
        final Map<String, String> started = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean start(String name, String inputJson) {
            calls.add(name);
            return started.putIfAbsent(name, inputJson) == null;
        }
    }

    /** A notification as S3 sends it (a POST upload; the key URL-encoded, '+' for a space). */
    static String created(String bucket, String encodedKey, long size, String eTag) {
        return "{\"Records\": [{\"eventVersion\": \"2.1\", \"eventSource\": \"aws:s3\", \"eventName\": \"ObjectCreated:Post\","
                + " \"s3\": {\"bucket\": {\"name\": \"" + bucket + "\"}, \"object\": {\"key\": \"" + encodedKey
                + "\", \"size\": " + size + ", \"eTag\": \"" + eTag + "\"}}}]}";
    }

    final NamedExecutions executions = new NamedExecutions();
    final RunStarter starter = new RunStarter("stories", "runs", 1000, executions);

    @Test
    void anUploadStartsOneRunHoweverOftenItIsAnnounced() {
        String message = created("stories", "runs%2Fuploads%2Facme%2Fid-1%2FAli+Baba.txt", 600, "e1");
        RunStarter.Outcome first = starter.handle(message).get(0);
        assertEquals(RunStarter.Status.STARTED, first.status());
        assertTrue(first.execution().matches("acme-[0-9a-f]{24}"), first.execution());
        assertEquals(
                "{\"uploadKey\":\"uploads/id-1/Ali Baba.txt\",\"tenant\":\"acme\"}",
                executions.started.get(first.execution()));
        RunStarter.Outcome again = starter.handle(message).get(0);
        assertEquals(RunStarter.Status.ALREADY_STARTED, again.status());
        assertEquals(first.execution(), again.execution());
        assertEquals(1, executions.started.size());
        // the same key uploaded again (another ETag) is another story
        RunStarter.Outcome replaced = starter.handle(
                        created("stories", "runs%2Fuploads%2Facme%2Fid-1%2FAli+Baba.txt", 600, "e2"))
                .get(0);
        assertEquals(RunStarter.Status.STARTED, replaced.status());
        assertNotEquals(first.execution(), replaced.execution());
    }

    @Test
    void uploadsOutsideATenantsFolderOverTheCapOrElsewhereAreRefusedAndStartNothing() {
        Map<String, String> refused = Map.of(
                created("stories", "runs%2Fuploads%2Facme%2Fid%2Fbig.txt", 1001, "e"), "over the cap of 1000",
                created("stories", "runs%2Fuploads%2Facme%2Fid%2Fempty.txt", 0, "e"), "empty",
                created("stories", "runs%2Fuploads%2Facme%2Fid%2Fa.pdf", 10, "e"), "is not a story file",
                created("stories", "runs%2Fuploads%2Fstory.txt", 10, "e"), "is not under runs/uploads/<tenant>/",
                created("stories", "runs%2Fuploads%2FAcme%2Fid%2Fa.txt", 10, "e"), "is not under",
                created("stories", "runs%2Ftenants%2Facme%2Fuploads%2Fid%2Fa.txt", 10, "e"), "is not under",
                created("stories", "other%2Fuploads%2Facme%2Fid%2Fa.txt", 10, "e"), "is not under",
                created("elsewhere", "runs%2Fuploads%2Facme%2Fid%2Fa.txt", 10, "e"), "bucket 'elsewhere'");
        refused.forEach((message, why) -> {
            RunStarter.Outcome o = starter.handle(message).get(0);
            assertEquals(RunStarter.Status.REFUSED, o.status(), message);
            assertTrue(o.message().contains(why), o.message());
        });
        assertTrue(executions.calls.isEmpty());
    }

    @Test
    void theUploadersOptionsBesideTheUploadGoIntoTheRunsInputAndWhatLemonWritesThereIsIgnored() throws Exception {
        lemon.testing.InMemoryBlobStore store = new lemon.testing.InMemoryBlobStore();
        store.put(
                "uploads/acme/id-1/" + UploadOptions.FILE, new UploadOptions(3, null, 1, null, 1, "ink", 0.5).toJson());
        store.put("uploads/acme/id-2/" + UploadOptions.FILE, "{\"scenes\": 500}".getBytes());
        RunStarter reading = new RunStarter("stories", "runs", 1000, executions, store);
        RunStarter.Outcome o = reading.handle(created("stories", "runs%2Fuploads%2Facme%2Fid-1%2Fa.txt", 10, "e"))
                .get(0);
        assertEquals(
                "{\"uploadKey\":\"uploads/id-1/a.txt\",\"tenant\":\"acme\",\"scenes\":3,\"portraits\":1,"
                        + "\"iterations\":1,\"style\":\"ink\",\"budget\":0.5}",
                executions.started.get(o.execution()));
        RunStarter.Outcome bad = reading.handle(created("stories", "runs%2Fuploads%2Facme%2Fid-2%2Fa.txt", 10, "e"))
                .get(0);
        assertEquals(RunStarter.Status.REFUSED, bad.status());
        assertTrue(bad.message().contains("scenes must be between 1 and 200, got 500"), bad.message());
        // the uploader finds why beside its upload
        String record =
                new String(store.get("uploads/acme/id-2/a.txt.failure.json").orElseThrow());
        assertTrue(record.contains("\"error\":\"refused\"") && record.contains("got 500"), record);
        // the started execution is kept in the tenant's folder (not beside the upload: no new notification)
        assertEquals(
                o.execution(),
                UploadExecution.parse(
                                store.get("tenants/acme/executions/id-1.json").orElseThrow())
                        .name());
        for (String written : List.of(UploadOptions.FILE, "a.txt.failure.json")) {
            RunStarter.Outcome ignored = reading.handle(
                            created("stories", "runs%2Fuploads%2Facme%2Fid-1%2F" + written, 10, "e"))
                    .get(0);
            assertEquals(RunStarter.Status.IGNORED, ignored.status(), written);
        }
        assertEquals(1, executions.started.size());
    }

    @Test
    void aRefusedUploadGetsItsReasonBesideItButNothingIsWrittenElsewhere() throws Exception {
        lemon.testing.InMemoryBlobStore store = new lemon.testing.InMemoryBlobStore();
        RunStarter recording = new RunStarter("stories", "runs", 1000, executions, store);
        recording.handle(created("stories", "runs%2Fuploads%2Facme%2Fid%2Fbig.txt", 1001, "e"));
        recording.handle(created("stories", "runs%2Fuploads%2Facme%2Fid%2Fa.pdf", 10, "e"));
        recording.handle(created("stories", "runs%2Ftenants%2Facme%2Fr1%2Fstory.txt", 10, "e"));
        recording.handle(created("elsewhere", "runs%2Fuploads%2Facme%2Fid%2Fc.txt", 10, "e"));
        assertEquals(
                List.of("uploads/acme/id/a.pdf.failure.json", "uploads/acme/id/big.txt.failure.json"), store.list(""));
        assertTrue(new String(store.get("uploads/acme/id/big.txt.failure.json").orElseThrow())
                .contains("over the cap of 1000"));
        assertTrue(executions.calls.isEmpty());
    }

    @Test
    void aTestEventNamesNoUploadAndGarbageIsRefusedClearly() {
        assertTrue(starter.handle("{\"Service\": \"Amazon S3\", \"Event\": \"s3:TestEvent\", \"Bucket\": \"stories\"}")
                .isEmpty());
        var e = assertThrows(IllegalArgumentException.class, () -> starter.handle("not json"));
        assertTrue(e.getMessage().startsWith("not an S3 event notification"), e.getMessage());
    }
}
