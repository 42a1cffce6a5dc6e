package lemon.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import lemon.config.LemonConfig;
import lemon.storage.DeployedRunsApi;
import lemon.storage.S3Links;
import lemon.upload.DeployedRuns;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The runs API behind API Gateway's JWT authoriser (the function Terraform names {@code <prefix>-runs},
 * handler {@code runs}): the page's list of runs, one run with signed links to its files, stop, resume,
 * zip and delete, always for the tenant the verified token names ({@link DeployedRunsApi}).
 */
@Named("runs")
public class RunsLambda implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Supplier<DeployedRunsApi> api;
    private final String claim;
    private final String pageConfig;

    @Inject
    public RunsLambda(
            LemonConfig config,
            LightPipeline pipelines,
            @ConfigProperty(name = "lemon.upload.tenant-claim") Optional<String> claim,
            @ConfigProperty(name = "lemon.workflow.state-machine-arn") Optional<String> machine) {
        // built at the first request, as the stages' pipeline is: a bad setting fails the request, not the start
        this(
                () -> deployed(config.store(), pipelines, machine),
                claimOf(claim),
                config.ingest().maxBytes(),
                config.ingest().minWords());
    }

    RunsLambda(Supplier<DeployedRuns> runs, String claim, long maxBytes, int minWords) {
        // what the page checks before it uploads; the trigger and ingest check again
        this.pageConfig = "{\"deployment\":true,\"maxBytes\":" + maxBytes + ",\"minWords\":" + minWords + "}";
        DeployedRunsApi[] built = new DeployedRunsApi[1];
        this.api = () -> {
            synchronized (built) {
                if (built[0] == null) built[0] = new DeployedRunsApi(runs.get(), claim);
                return built[0];
            }
        };
        this.claim = claim;
    }

    private static String claimOf(Optional<String> claim) {
        return claim.filter(c -> !c.isBlank()).orElse(UploadUrlLambda.DEFAULT_CLAIM);
    }

    private static DeployedRuns deployed(String store, LightPipeline pipelines, Optional<String> machine) {
        Deployment d = Deployment.of("the runs API", store, machine);
        var pipeline = pipelines.get();
        return new DeployedRuns(
                pipeline.runs(),
                d.workflow(),
                new S3Links(d.bucket(), DefaultCredentialsProvider.builder().build(), S3Links.TTL),
                m -> pipeline.cost(m).total(),
                Clock.systemUTC());
    }

    /** The page's files, served without a token (GET /, /app.js, /app.css); config.json puts it in deployment mode. */
    static final Map<String, String> PAGE = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css");

    static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getHttp();
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        if (PAGE.containsKey(path)) return page(PAGE.get(path));
        if (path.equals("/config.json")) return answer(200, "application/json", pageConfig);
        DeployedRunsApi.Answer a =
                api.get().answer(UploadUrlLambda.tenant(event, claim), http == null ? "GET" : http.getMethod(), path);
        return answer(a.status(), "application/json", a.body());
    }

    private static APIGatewayV2HTTPResponse answer(int status, String type, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", type, "Cache-Control", "no-store"))
                .withBody(body)
                .build();
    }

    private static APIGatewayV2HTTPResponse page(String file) {
        try (var in = RunsLambda.class.getResourceAsStream("/lemon/page/" + file)) {
            if (in == null) throw new IllegalStateException("the page's " + file + " is not in this build");
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            return answer(200, type, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
