package lemon.e2e;

import static lemon.e2e.MotoWorkflowTest.*;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import lemon.storage.BlobStores;
import lemon.testing.aws.Moto;
import lemon.upload.RunStarter;
import lemon.workflow.StepFunctionsExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page as the AWS deployment serves it, against the local AWS of {@link MotoWorkflowTest} (its own
 * moto, so the two classes can run in two JVMs at once).
 */
class DeploymentPageTest {
    @BeforeAll
    static void startLocalAws() throws Exception {
        MotoWorkflowTest.startAws();
    }

    @AfterAll
    static void stopLocalAws() {
        MotoWorkflowTest.stopAws();
    }

    /**
     * The page as the deployment serves it, in a real browser (functions/src/test/browser/deployment.mjs):
     * upload through the form, the run made by moto's Step Functions, followed through our runs API, its
     * pictures through signed links, the zip; another tenant sees nothing. Our trigger takes S3's
     * notifications meanwhile, as its Lambda would. Skipped, with a notice, where chromium, node or
     * playwright-core is missing.
     */
    @Test
    void thePageOnTheDeploymentTakesAStoryToAStoryboard() throws Exception {
        Path scripts = Path.of("../functions/src/test/browser");
        Path chromium = Path.of(System.getenv().getOrDefault("LEMON_CHROMIUM", "/usr/bin/chromium"));
        String missing = !java.nio.file.Files.isExecutable(chromium)
                ? "no chromium at " + chromium
                : !java.nio.file.Files.isDirectory(scripts.resolve("node_modules/playwright-core"))
                        ? "no playwright-core (npm ci --prefix functions/src/test/browser)"
                        : null;
        if (missing != null) System.out.println("the deployment's page in a browser skipped: " + missing);
        Assumptions.assumeTrue(missing == null, missing);

        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setExecutor(Executors.newCachedThreadPool());
        gateway.createContext("/", DeploymentPageTest::gateway);
        gateway.start();
        String page = "http://127.0.0.1:" + gateway.getAddress().getPort();
        // what Terraform gives the bucket: the page's origin may post forms and read signed links
        s3.putBucketCors(r -> r.bucket(BUCKET)
                .corsConfiguration(c -> c.corsRules(rule ->
                        rule.allowedMethods("GET", "POST").allowedOrigins(page).allowedHeaders("*"))));
        // the upload trigger's Lambda, on S3's notifications
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread trigger = new Thread(() -> {
            RunStarter starter = starter();
            while (!stop.get()) for (String b : Moto.notifications(sqs, queue, 1)) starter.handle(b);
        });
        trigger.start();
        Path shots = Path.of("target/browser-screenshots").toAbsolutePath();
        java.nio.file.Files.createDirectories(shots);
        // the web tests' two-character story: the subject is the page, and a tale would take twice as long
        Path story = Path.of("../functions/src/test/resources/lemon/web/two-friends.md")
                .toAbsolutePath();
        try {
            Process node = new ProcessBuilder(
                            "node",
                            "deployment.mjs",
                            page + "/",
                            shots.toString(),
                            chromium.toString(),
                            story.toString())
                    .directory(scripts.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(shots.resolve("deployment.log").toFile())
                    .start();
            boolean ended = node.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
            if (!ended) node.destroyForcibly();
            String log = java.nio.file.Files.readString(shots.resolve("deployment.log"));
            System.out.println(log);
            assertTrue(ended, "the browser checks did not end in 10 minutes");
            assertEquals(0, node.exitValue(), log);
            assertTrue(log.contains("deployment browser checks passed"), log);
        } finally {
            stop.set(true);
            trigger.join();
            gateway.stop(0);
        }
    }

    /**
     * API Gateway in front of our upload-url and runs functions, as Terraform wires them: the page's files
     * and config.json without a token; everything else needs one. The stand-in's JWT check: a bearer token
     * names its tenant (API Gateway verifies a real token and hands the functions its claims).
     */
    static void gateway(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        Map<String, String> files = Map.of("/", "index.html", "/app.js", "app.js", "/app.css", "app.css");
        if (files.containsKey(path)) {
            String file = files.get(path);
            try (var in = DeploymentPageTest.class.getClassLoader().getResourceAsStream("META-INF/resources/" + file)) {
                send(
                        x,
                        200,
                        file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html",
                        in.readAllBytes());
            }
            return;
        }
        if (path.equals("/config.json")) {
            send(
                    x,
                    200,
                    "application/json",
                    "{\"deployment\":true,\"maxBytes\":2097152,\"minWords\":20}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String tenant = auth != null && auth.startsWith("Bearer ") && auth.length() > 7 ? auth.substring(7) : null;
        if (tenant == null) {
            send(x, 401, "application/json", "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String claims = "custom:tenant";
        if (path.equals("/upload-url") && method.equals("POST")) {
            var api = new lemon.storage.UploadApi(
                    new lemon.storage.UploadDesk(
                            new lemon.storage.UploadForms(STORE, 2L * 1024 * 1024), BlobStores.fromUri(STORE)),
                    claims);
            var a = api.answer(tenant, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(x, a.status(), "application/json", a.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        var runs = new lemon.upload.DeployedRuns(
                new lemon.run.RunStore(BlobStores.fromUri(STORE)),
                new StepFunctionsExecutions(sfn, machine),
                new lemon.storage.S3Links(
                        new lemon.storage.PresignedPost.Bucket(moto.endpoint(), "us-east-1", BUCKET, "runs"),
                        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(Moto.KEYS),
                        lemon.storage.S3Links.TTL),
                m -> 0,
                java.time.Clock.systemUTC());
        var a = new lemon.storage.DeployedRunsApi(runs, claims).answer(tenant, method, path);
        send(x, a.status(), "application/json", a.body().getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
