package lemon.e2e;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import lemon.config.PipelineSettings;
import lemon.functions.FunqDispatcher;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.functions.UploadFunctions;
import lemon.port.BlobStore;
import lemon.port.TransientFailure;
import lemon.run.Json;
import lemon.run.RunOptions;
import lemon.stage.StageErrors;
import lemon.storage.BlobStores;
import lemon.testing.aws.FormPost;
import lemon.testing.aws.Moto;
import lemon.upload.RunStarter;
import lemon.upload.UploadOptions;
import lemon.workflow.StageCommand;
import lemon.workflow.StepFunctionsExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deployment's path end to end against a local AWS that is not ours: an upload form from our
 * upload-url function, the story posted to moto's S3, S3's notification on SQS, our trigger's
 * StartExecution, and the workflow file run by moto's Step Functions interpreter, whose Lambda and
 * ECS tasks reach our stage functions in this JVM (moto runs no Lambda code or container itself:
 * see moto_workflow.py). The outputs in moto's S3 equal the local runner's for the same story and
 * options; a repeated notification starts nothing; a transient fault is retried by the state
 * machine; a permanent one is caught and recorded; a run over its budget stops and keeps what it
 * made. Skipped, with a notice, where python3 with moto is not installed.
 */
class MotoWorkflowTest {
    static final String PREFIX = "lemon-moto";
    static final String BUCKET = "lemon-moto";
    static final String STORE = "s3://" + BUCKET + "/runs";
    /** Three scenes, one portrait per character, one take, one refine pass: every state of the loop once. */
    static final UploadOptions OPTIONS = new UploadOptions(3, 2, 1, 1, 1, null, null);

    static Moto moto;
    static HttpServer host;
    static S3Client s3;
    static SqsClient sqs;
    static SfnClient sfn;
    static StageFunctions functions;
    static UploadFunctions uploads;
    static String machine;
    static String queue;
    /** Faults the next call of a function throws, as its Lambda would: function name → what to throw. */
    static final Map<String, RuntimeException> FAULTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startAws() throws Exception {
        Assumptions.assumeTrue(Moto.installed("MotoWorkflowTest"), "python3 with moto is not installed");
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.setExecutor(Executors.newCachedThreadPool());
        host.createContext("/lambda/", MotoWorkflowTest::lambda);
        host.createContext("/ecs/run-task", MotoWorkflowTest::runTask);
        host.start();
        moto = Moto.start(
                MotoWorkflowTest.class.getResourceAsStream("moto_workflow.py"),
                List.of("http://127.0.0.1:" + host.getAddress().getPort()));
        JsonNode ecs = Json.MAPPER.readTree(moto.ready());

        // the stages and the upload form reach moto's S3 as the functions' roles reach S3 on AWS
        System.setProperty("LEMON_S3_ENDPOINT", moto.endpoint().toString());
        System.setProperty("aws.accessKeyId", Moto.KEYS.accessKeyId());
        System.setProperty("aws.secretAccessKey", Moto.KEYS.secretAccessKey());
        s3 = moto.client(S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED));
        sqs = moto.client(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()));
        sfn = moto.client(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()));

        s3.createBucket(r -> r.bucket(BUCKET));
        queue = sqs.createQueue(r -> r.queueName(PREFIX + "-uploads")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        s3.putBucketNotificationConfiguration(r -> r.bucket(BUCKET)
                .notificationConfiguration(n -> n.queueConfigurations(q -> q.queueArn(queueArn)
                        .events(Event.S3_OBJECT_CREATED)
                        .filter(f ->
                                f.key(k -> k.filterRules(fr -> fr.name("prefix").value("runs/uploads/")))))));

        // the workflow file as Terraform renders it (templatefile), for moto's cluster and task definitions
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("aws_region", "us-east-1");
        vars.put("account_id", "123456789012");
        vars.put("name_prefix", PREFIX);
        vars.put("ecs_cluster_arn", ecs.get("cluster").asText());
        vars.put("engine_gpu_task_definition_arn", ecs.get("gpu").asText());
        vars.put("engine_cpu_task_definition_arn", ecs.get("cpu").asText());
        vars.put("gpu_capacity_provider", PREFIX + "-gpu");
        vars.put("cpu_capacity_provider", PREFIX + "-cpu");
        String definition;
        try (var in = MotoWorkflowTest.class.getClassLoader().getResourceAsStream(LocalRun.WORKFLOW_RESOURCE)) {
            definition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (var v : vars.entrySet()) definition = definition.replace("${" + v.getKey() + "}", v.getValue());
        assertFalse(definition.contains("${"), "a template variable is left: " + definition);
        String rendered = definition;
        machine = sfn.createStateMachine(r -> r.name(PREFIX + "-workflow")
                        .roleArn("arn:aws:iam::123456789012:role/" + PREFIX + "-workflow")
                        .definition(rendered))
                .stateMachineArn();

        PipelineSettings settings = settings(STORE);
        PipelineProvider pipelines = new PipelineProvider(settings, Fixtures.ENGINES);
        functions = new StageFunctions(pipelines);
        uploads = new UploadFunctions(pipelines);
    }

    /** Six DDIM steps and a dozen personalisation steps: the subject is the workflow, not the pictures. */
    static PipelineSettings settings(String store) {
        return Fixtures.settings(store)
                .withLoop(new PipelineSettings.Loop(12, -1, 0.0, lemon.vision.VisionSettings.MINI));
    }

    @org.junit.jupiter.api.AfterEach
    void showMotosErrors(org.junit.jupiter.api.TestInfo test) {
        String out = moto.recentOutput();
        if (out.contains("Traceback")) System.out.println("moto's output after " + test.getDisplayName() + ":\n" + out);
    }

    @AfterAll
    static void stopAws() {
        System.clearProperty("LEMON_S3_ENDPOINT");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (moto != null) moto.close();
        if (host != null) host.stop(0);
    }

    /** Lambda's side of an invocation: the function's result, or its error as the handler throws it. */
    static void lambda(HttpExchange x) throws IOException {
        String name = x.getRequestURI().getPath().substring("/lambda/".length());
        String function = name.substring(PREFIX.length() + 1); // <name_prefix>-<function>, as Terraform names them
        byte[] body;
        try {
            RuntimeException fault = FAULTS.remove(function);
            if (fault != null) throw fault;
            body = Json.MAPPER.writeValueAsBytes(
                    new FunqDispatcher(functions).invoke(function, Json.MAPPER.readTree(x.getRequestBody())));
        } catch (Exception e) {
            RuntimeException thrown = StageErrors.asThrown(e);
            x.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
            body = Json.MAPPER.writeValueAsBytes(Map.of(
                    "errorType", thrown.getClass().getName(), "errorMessage", String.valueOf(thrown.getMessage())));
        }
        reply(x, body);
    }

    /** The engine container's side of an ECS task: {@code lemon stage …} run to its exit code. */
    static void runTask(HttpExchange x) throws IOException {
        JsonNode overrides = Json.MAPPER.readTree(x.getRequestBody()).path("overrides");
        JsonNode command = overrides.path("containerOverrides").path(0).path("command");
        ObjectNode exited = Json.MAPPER.createObjectNode();
        Optional<StageCommand> stage = StageCommand.parse(command);
        try {
            if (stage.isEmpty())
                throw new IllegalArgumentException("usage: lemon stage <function> <runId>: " + command);
            JsonNode out = new FunqDispatcher(functions)
                    .invoke(stage.get().function(), stage.get().input());
            boolean failed = "failed".equals(out.path("status").asText());
            exited.put("exitCode", failed ? 1 : 0);
            if (failed) exited.put("reason", out.path("message").asText());
        } catch (Exception e) {
            exited.put("exitCode", 1).put("reason", StageErrors.cause(e));
        }
        reply(x, Json.MAPPER.writeValueAsBytes(exited));
    }

    static void reply(HttpExchange x, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void anUploadRunsThroughMotosStepFunctionsToTheLocalRunnersOutputs(@TempDir Path local) throws Exception {
        byte[] story = Fixtures.tale("hansel-and-grettel");
        // a transient fault in the first describe-characters: the state machine's Retry runs it again
        FAULTS.put("describe-characters", new TransientFailure("the LLM endpoint throttled (test)", null));
        String upload = post("acme", "hansel.txt", OPTIONS, story);

        List<String> bodies = receive(2); // the options beside the upload, then the story
        RunStarter starter = starter();
        List<RunStarter.Outcome> all = new ArrayList<>();
        for (String b : bodies) all.addAll(starter.handle(b));
        for (String b : bodies) all.addAll(starter.handle(b)); // SQS delivers at least once
        assertTrue(
                all.stream()
                        .filter(o -> o.key().endsWith(UploadOptions.FILE))
                        .allMatch(o -> o.status() == RunStarter.Status.IGNORED),
                all.toString());
        List<RunStarter.Outcome> outcomes =
                all.stream().filter(o -> o.key().endsWith("hansel.txt")).toList();
        assertEquals(
                List.of(RunStarter.Status.STARTED, RunStarter.Status.ALREADY_STARTED),
                outcomes.stream().map(RunStarter.Outcome::status).toList(),
                outcomes.toString());
        String execution = executionArn(outcomes.get(0).execution());
        var done = await(execution);
        List<String> entered = statesEntered(execution);
        System.out.println("moto's execution of " + upload + ": " + done.status() + "; states entered: "
                + String.join(" → ", entered));
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString() + " " + entered);
        for (String s : List.of(
                "Ingest",
                "AnalyzeStory",
                "MatchCharacters",
                "DescribeCharacters",
                "GeneratePortraits",
                "LoopOrPublish",
                "Personalize",
                "Visualize",
                "Validate",
                "Refine",
                "NextPass",
                "Publish",
                "Done")) {
            assertTrue(entered.contains(s), s + " in " + entered);
        }
        assertTrue(retried(execution, "Lemon.Transient"), "the transient fault was retried");

        String runId = Json.MAPPER.readTree(done.output()).path("runId").asText();
        BlobStore acme = BlobStores.fromUri(STORE + "/tenants/acme");
        List<String> moto = acme.list(runId + "/").stream()
                .map(k -> k.substring(runId.length() + 1))
                .sorted()
                .toList();

        // the local runner on the same story and options, in a folder of this machine
        RunOptions options = new RunOptions(3, 2, 1, 1, 1, "");
        StageFunctions here = Fixtures.functions(settings(local.toString()));
        here.runs().blobs().put("uploads/hansel.txt", story);
        LocalRun.Outcome o = LocalRun.start(
                here, "uploads/hansel.txt", options, runId, new PrintStream(OutputStream.nullOutputStream()));
        assertTrue(o.succeeded(), o.toString());
        List<String> mine = here.runs().blobs().list(runId + "/").stream()
                .map(k -> k.substring(runId.length() + 1))
                .sorted()
                .toList();
        assertEquals(mine, moto, "the same files");
        int compared = 0;
        List<String> differ = new ArrayList<>();
        for (String f : mine) {
            if (TIMED.stream().anyMatch(f::endsWith)) continue;
            if (!java.util.Arrays.equals(
                    untimed(f, here.runs().blobs().get(runId + "/" + f).orElseThrow()),
                    untimed(f, acme.get(runId + "/" + f).orElseThrow()))) {
                differ.add(f);
                for (var side :
                        Map.of("local", here.runs().blobs(), "moto", acme).entrySet()) {
                    Path copy = Path.of("target/moto-differs", side.getKey(), f);
                    java.nio.file.Files.createDirectories(copy.getParent());
                    java.nio.file.Files.write(
                            copy, side.getValue().get(runId + "/" + f).orElseThrow());
                }
            }
            compared++;
        }
        assertEquals(List.of(), differ, "files that differ between moto's run and the local runner's");
        System.out.println("moto's run " + runId + " and the local runner's: " + mine.size() + " files, " + compared
                + " byte-identical (" + TIMED + " hold times and dates)");
    }

    /** Files that record when and how long things ran (or the upload's key), so differ between any two runs. */
    static final List<String> TIMED = List.of("manifest.json", "cost.json", "report.html", "storyboard.html");

    @Test
    void aPermanentFaultIsCaughtAndRecordedAndABudgetStopsARunKeepingItsOutputs() throws Exception {
        byte[] story = Fixtures.tale("hansel-and-grettel");
        // a permanent fault: Catch → RecordFailure (the failure in the run's manifest) → Failed
        FAULTS.put("analyze-story", new IllegalStateException("the analyst's model file is corrupt (test)"));
        Started failed = startFrom(post("bobco", "hansel.txt", OPTIONS, story));
        List<String> entered = statesEntered(failed.execution());
        System.out.println("moto's execution with a permanent fault: " + failed.status() + "; states entered: "
                + String.join(" → ", entered));
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(List.of("Ingest", "CheckInput", "AnalyzeStory", "RecordFailure", "Failed"), entered);
        var bobco = new lemon.run.RunStore(BlobStores.fromUri(STORE + "/tenants/bobco"));
        var analyze = bobco.manifest(failed.runId()).stages().get("analyze-story");
        assertEquals(lemon.run.StageState.Status.FAILED, analyze.status(), analyze.toString());
        assertTrue(analyze.error().contains("the analyst's model file is corrupt"), analyze.error());
        assertTrue(bobco.blobs().exists(failed.runId() + "/story.txt"), "ingest's output is kept");
        assertFalse(
                BlobStores.fromUri(STORE + "/tenants/acme").exists(failed.runId() + "/manifest.json"),
                "bobco's run is not in acme's folder");

        // a budget smaller than ingest's cost: the next stage does not start, and the story stays
        UploadOptions tiny = new UploadOptions(3, 2, 1, 1, 1, null, 1e-9);
        Started over = startFrom(post("bobco", "hansel.txt", tiny, story));
        System.out.println("moto's execution over its budget: " + over.status() + "; states entered: "
                + String.join(" → ", statesEntered(over.execution())));
        assertEquals(ExecutionStatus.FAILED, over.status());
        var manifest = bobco.manifest(over.runId());
        assertEquals(
                lemon.run.StageState.Status.DONE,
                manifest.stages().get("ingest").status());
        String refusal = manifest.stages().get("analyze-story").error();
        assertTrue(refusal != null && refusal.contains("budget"), String.valueOf(refusal));
        assertTrue(bobco.blobs().exists(over.runId() + "/story.txt"), "what the run made is kept");
    }

    record Started(String execution, ExecutionStatus status, String runId) {}

    /** The notifications of one upload handed to our trigger, and its execution awaited. */
    static Started startFrom(String uploadKey) throws Exception {
        List<RunStarter.Outcome> started = new ArrayList<>();
        RunStarter starter = starter();
        for (String b : receive(2)) started.addAll(starter.handle(b));
        RunStarter.Outcome o = started.stream()
                .filter(x -> x.status() == RunStarter.Status.STARTED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no execution for " + uploadKey + ": " + started));
        assertEquals(uploadKey, o.key().substring("runs/".length()));
        String execution = executionArn(o.execution());
        var done = await(execution);
        String input = history(execution).stream()
                .filter(e -> e.lambdaFunctionSucceededEventDetails() != null)
                .findFirst()
                .map(e -> e.lambdaFunctionSucceededEventDetails().output())
                .orElseThrow(() -> new AssertionError("ingest did not succeed: " + done));
        return new Started(
                execution,
                done.status(),
                Json.MAPPER.readTree(input).path("runId").asText());
    }

    /** personalization.json without how long training took (its metrics' seconds); any other file as it is. */
    static byte[] untimed(String file, byte[] bytes) throws IOException {
        if (!file.equals("personalization.json")) return bytes;
        ObjectNode p = (ObjectNode) Json.MAPPER.readTree(bytes);
        ((ObjectNode) p.path("metrics")).remove(List.of("seconds", "secondsPerStep"));
        return Json.MAPPER.writeValueAsBytes(p);
    }

    static RunStarter starter() {
        return new RunStarter(
                BUCKET, "runs", 2L * 1024 * 1024, new StepFunctionsExecutions(sfn, machine), BlobStores.fromUri(STORE));
    }

    /** Asks our upload-url function for a form and posts the story with it, as a browser does; returns the key. */
    static String post(String tenant, String fileName, UploadOptions options, byte[] story) throws Exception {
        lemon.storage.UploadDesk.Reply reply =
                uploads.uploadUrl(new UploadFunctions.UploadRequest(tenant, fileName, options));
        assertEquals("ready", reply.status(), reply.message());
        assertEquals(
                204,
                FormPost.post(URI.create(reply.form().url()), reply.form().fields(), story)
                        .statusCode());
        return reply.form().key();
    }

    /** The upload notifications on the queue, exactly {@code n} of them. */
    static List<String> receive(int n) {
        List<String> bodies = Moto.notifications(sqs, queue, n);
        assertEquals(n, bodies.size(), "upload notifications");
        return bodies;
    }

    static String executionArn(String name) {
        return machine.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    static software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse await(String execution)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            var d = sfn.describeExecution(r -> r.executionArn(execution));
            if (d.status() != ExecutionStatus.RUNNING) return d;
            if (System.nanoTime() > deadline) fail("the execution did not end within 10 minutes");
            Thread.sleep(200);
        }
    }

    static List<HistoryEvent> history(String execution) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(execution))
                .events()
                .forEach(events::add);
        return events;
    }

    /** The names of the states entered, in order: moto's execution history, not ours. */
    static List<String> statesEntered(String execution) {
        return history(execution).stream()
                .filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name())
                .toList();
    }

    /** Whether a Task failed with {@code error} and was scheduled again (a Retry, not a Catch). */
    static boolean retried(String execution, String error) {
        List<HistoryEvent> events = history(execution);
        for (int i = 0; i < events.size(); i++) {
            var failed = events.get(i).lambdaFunctionFailedEventDetails();
            if (failed != null && error.equals(failed.error())) {
                return events.subList(i + 1, events.size()).stream()
                        .anyMatch(e -> e.lambdaFunctionScheduledEventDetails() != null);
            }
        }
        return false;
    }
}
