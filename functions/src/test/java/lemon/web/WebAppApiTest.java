package lemon.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import lemon.functions.PipelineProvider;
import org.junit.jupiter.api.Test;

/**
 * The web app's API as a client (the page, curl) uses it: a story becomes a finished run whose
 * files and zip can be read and whose progress lines end with "done"; bad stories are refused with
 * why and store nothing; one tenant never sees or touches another's runs; a queued run can be
 * cancelled. The browser test (WebAppBrowserTest) drives the page itself.
 */
@QuarkusTest
class WebAppApiTest {
    @Inject
    PipelineProvider provider;

    /** A tenant of its own per test and JVM: the test store outlives a test run. */
    private static String tenant(String who) {
        return who + "-" + Long.toString(System.nanoTime(), 36);
    }

    static byte[] story() throws Exception {
        // two characters: a whole run in seconds at the test profile's sizes
        try (var in = WebAppApiTest.class.getClassLoader().getResourceAsStream("lemon/web/two-friends.md")) {
            return in.readAllBytes();
        }
    }

    static String start(String tenant, byte[] story, String options) {
        return given().header("X-Lemon-Tenant", tenant)
                .contentType("text/plain")
                .body(story)
                .post("/api/runs?fileName=two-friends.md&" + options)
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
    }

    static Response waitUntilEnded(String tenant, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + 480_000_000_000L; // a small run; generous for a busy machine
        while (true) {
            Response r = given().header("X-Lemon-Tenant", tenant).get("/api/runs/" + runId);
            String state = r.path("state");
            if (!List.of("queued", "running", "stopping").contains(state)) return r;
            if (System.nanoTime() > deadline) throw new AssertionError("run " + runId + " still " + state);
            Thread.sleep(500);
        }
    }

    @Test
    void aStoryBecomesAStoryboardWhoseFilesAndZipCanBeRead() throws Exception {
        String alice = tenant("alice");
        String runId = start(alice, story(), "scenes=2&portraits=1&seedsPerScene=1&iterations=1");
        Response done = waitUntilEnded(alice, runId);
        assertEquals("done", done.path("state"), done.asString());
        List<String> files = done.path("files");
        assertTrue(files.contains("storyboard.html") && files.contains("report.html"), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("portraits/") && f.endsWith(".png")), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.startsWith("lease/")), "the lease is not a result: " + files);

        given().header("X-Lemon-Tenant", alice)
                .get("/api/runs/" + runId + "/files/storyboard.html")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"));
        String portrait = files.stream()
                .filter(f -> f.startsWith("portraits/"))
                .findFirst()
                .orElseThrow();
        byte[] png = given().header("X-Lemon-Tenant", alice)
                .get("/api/runs/" + runId + "/files/" + portrait)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        assertEquals((byte) 0x89, png[0]);
        given().header("X-Lemon-Tenant", alice)
                .get("/api/runs/" + runId + "/files/../manifest.json")
                .then()
                .statusCode(anyOf4xx());

        byte[] zip = given().header("X-Lemon-Tenant", alice)
                .get("/api/runs/" + runId + "/zip")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.add(e.getName());
        }
        assertTrue(
                entries.contains(runId + "/storyboard.html") && entries.contains(runId + "/manifest.json"),
                entries.toString());
        assertEquals(files.size(), entries.size());

        // the lines a page that reloads gets again: from the first to the last, which says how it ended
        String events = given().header("X-Lemon-Tenant", alice)
                .get("/api/runs/" + runId + "/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(events.contains("\"seq\":1,") && events.contains("publish"), events);
        assertTrue(events.contains("{\"seq\":") && events.contains("\"text\":\"done\",\"last\":true"), events);
        // lines from inside a stage: the shared personalizer's own, routed to this run (StageProgress)
        assertTrue(events.contains(" interactions, ") && events.contains("steps/s"), events);

        given().header("X-Lemon-Tenant", alice)
                .get("/api/runs")
                .then()
                .statusCode(200)
                .body("runId", hasItem(runId));
        given().header("X-Lemon-Tenant", alice)
                .delete("/api/runs/" + runId)
                .then()
                .statusCode(204);
        given().header("X-Lemon-Tenant", alice).get("/api/runs/" + runId).then().statusCode(404);
    }

    private static org.hamcrest.Matcher<Integer> anyOf4xx() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .and(org.hamcrest.Matchers.lessThan(500));
    }

    @Test
    void aBadStoryIsRefusedWithWhyAndStoresNothing() throws Exception {
        String carol = tenant("carol");
        Path tenantFolder = Path.of(provider.settings().store(), "tenants", carol);
        record Bad(String fileName, byte[] body, String why) {}
        byte[] latin1 =
                ("Der Bär " + "und die Königin gingen in den Wald. ".repeat(20)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] binary = new byte[4000];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) (i % 7 == 0 ? 0 : 'a' + i % 26);
        for (Bad bad : List.of(
                new Bad("empty.txt", new byte[0], "is empty"),
                new Bad(
                        "short.txt",
                        "Once upon a time there was a cat.".getBytes(StandardCharsets.UTF_8),
                        "a story needs at least"),
                new Bad("latin1.txt", latin1, "UTF-8"),
                new Bad("blob.txt", binary, "binary"),
                new Bad("story.pdf", story(), "not a story file"),
                new Bad("big.txt", "word ".repeat(500_000).getBytes(StandardCharsets.UTF_8), "larger than the"))) {
            given().header("X-Lemon-Tenant", carol)
                    .contentType("text/plain")
                    .body(bad.body())
                    .post("/api/runs?fileName=" + bad.fileName())
                    .then()
                    .statusCode(400)
                    .body("error", containsString(bad.why()));
        }
        given().header("X-Lemon-Tenant", carol)
                .contentType("text/plain")
                .body(story())
                .post("/api/runs?fileName=a.md&portraits=0")
                .then()
                .statusCode(400)
                .body("error", containsString("portraits must be at least 1"));
        given().header("X-Lemon-Tenant", carol)
                .get("/api/runs")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        if (Files.exists(tenantFolder)) {
            try (Stream<Path> all = Files.walk(tenantFolder)) {
                assertEquals(List.of(), all.filter(Files::isRegularFile).toList(), "a refused story stores nothing");
            }
        }
        given().get("/api/limits")
                .then()
                .statusCode(200)
                .body("maxBytes", equalTo((int) provider.settings().maxBytes()))
                .body("llm", containsString("offline"))
                .body("examples", hasItem("ali-baba"));
        given().header("X-Lemon-Tenant", carol)
                .contentType("text/plain")
                .post("/api/runs?example=no-such-story")
                .then()
                .statusCode(400)
                .body("error", containsString("no bundled example 'no-such-story'"));
        given().header("X-Lemon-Tenant", "Not A Tenant!")
                .get("/api/runs")
                .then()
                .statusCode(400)
                .body("error", containsString("not a tenant id"));
    }

    @Test
    void oneTenantNeverSeesOrTouchesAnothersRuns() throws Exception {
        String dora = tenant("dora"), emil = tenant("emil");
        String runId = start(dora, story(), "scenes=2&portraits=1&seedsPerScene=1&iterations=0");
        given().header("X-Lemon-Tenant", emil).get("/api/runs").then().body("runId", not(hasItem(runId)));
        for (String path : List.of("", "/files/manifest.json", "/zip"))
            given().header("X-Lemon-Tenant", emil)
                    .get("/api/runs/" + runId + path)
                    .then()
                    .statusCode(404);
        given().header("X-Lemon-Tenant", emil)
                .post("/api/runs/" + runId + "/resume")
                .then()
                .statusCode(404);
        given().header("X-Lemon-Tenant", emil)
                .delete("/api/runs/" + runId)
                .then()
                .statusCode(anyOf4xx());
        given().cookie("lemon-tenant", emil).get("/api/runs/" + runId).then().statusCode(404);
        Response ended = waitUntilEnded(dora, runId);
        assertEquals("done", ended.path("state"), ended.asString());
        given().cookie("lemon-tenant", dora).get("/api/runs").then().body("runId", hasItem(runId));
    }

    @Inject
    WebRuns runs;

    @Test
    void aRunLeftWaitingByAStoppedServerIsQueuedAgainAndRunsToTheEnd() throws Exception {
        String hana = tenant("hana");
        // what a server that stopped with a run waiting leaves: the upload and its entry in the queue
        var blobs = new lemon.port.PrefixedBlobStore(provider.get().runs().blobs(), "tenants/" + hana + "/");
        String runId = lemon.run.RunIds.generate(java.time.Clock.systemUTC());
        blobs.put("uploads/left.md", story());
        var options = new lemon.run.RunOptions(2, lemon.run.RunOptions.DEFAULT_TOP_K, 1, 1, 0, "");
        blobs.put(
                WebRuns.QUEUE + runId + ".json",
                lemon.run.Json.bytes(new WebRuns.Waiting(runId, "uploads/left.md", "Left waiting", options)));

        assertTrue(runs.restoreQueue() >= 1);
        assertEquals(0, runs.restoreQueue(), "a run queued here is not queued twice");
        Response ended = waitUntilEnded(hana, runId);
        String events = given().header("X-Lemon-Tenant", hana)
                .get("/api/runs/" + runId + "/events")
                .asString();
        assertEquals("done", ended.path("state"), events);
        assertTrue(blobs.list(WebRuns.QUEUE).isEmpty(), "its queue entry is gone once a worker took it");
        assertTrue(events.contains("the server restarted before Left waiting started"), events);
    }

    @Test
    void aQueuedRunCanBeCancelledAndAFinishedOneResumedNoMore() throws Exception {
        String fred = tenant("fred");
        String first = start(fred, story(), "scenes=2&portraits=1&seedsPerScene=1&iterations=0");
        String second = start(fred, story(), "scenes=2&portraits=1&seedsPerScene=1&iterations=0");
        // one worker (lemon.web.workers): the second waits behind the first
        given().header("X-Lemon-Tenant", fred).get("/api/runs/" + second).then().body("state", equalTo("queued"));
        given().header("X-Lemon-Tenant", fred)
                .post("/api/runs/" + second + "/cancel")
                .then()
                .statusCode(202);
        Response firstEnded = waitUntilEnded(fred, first);
        assertEquals("done", firstEnded.path("state"));
        given().header("X-Lemon-Tenant", fred)
                .post("/api/runs/" + first + "/resume")
                .then()
                .statusCode(409)
                .body("error", containsString("complete"));
        String events = given().header("X-Lemon-Tenant", fred)
                .get("/api/runs/" + second + "/events")
                .asString();
        assertTrue(events.contains("cancelled before it started"), events);
        assertTrue(
                new lemon.port.PrefixedBlobStore(provider.get().runs().blobs(), "tenants/" + fred + "/")
                        .list(WebRuns.QUEUE)
                        .isEmpty(),
                "no run is left waiting");
    }

    @Test
    void aRunStoppedMidwayFailsResumablyAndResumesToTheEnd() throws Exception {
        String gina = tenant("gina");
        String runId = start(gina, story(), "scenes=2&portraits=1&seedsPerScene=1&iterations=1");
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!"running"
                .equals(given().header("X-Lemon-Tenant", gina)
                        .get("/api/runs/" + runId)
                        .path("state"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("run " + runId + " never started");
            Thread.sleep(100);
        }
        given().header("X-Lemon-Tenant", gina)
                .post("/api/runs/" + runId + "/cancel")
                .then()
                .statusCode(202);
        Response stopped = waitUntilEnded(gina, runId);
        assertEquals("failed", stopped.path("state"), stopped.asString());
        assertTrue(stopped.<String>path("error").contains("stopped on request"), stopped.asString());
        assertTrue(stopped.<Integer>path("stagesDone") < stopped.<Integer>path("stages"), stopped.asString());

        given().header("X-Lemon-Tenant", gina)
                .post("/api/runs/" + runId + "/resume")
                .then()
                .statusCode(202);
        Response resumed = waitUntilEnded(gina, runId);
        assertEquals("done", resumed.path("state"), resumed.asString());
        String events = given().header("X-Lemon-Tenant", gina)
                .get("/api/runs/" + runId + "/events")
                .asString();
        assertTrue(events.contains("queued: resume of " + runId) && events.contains("reused"), events);
    }
}
