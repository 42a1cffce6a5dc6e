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
import lemon.storage.BlobStores;
import lemon.storage.DeployedRunsApi;
import lemon.storage.S3Links;
import lemon.upload.DeployedRuns;
import lemon.workflow.StepFunctionsExecutions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The runs API behind API Gateway's JWT authoriser (the function Terraform names {@code <prefix>-runs},
 * handler {@code runs}): the page's list of runs, one run with signed links to its files, stop, resume,
 * zip and delete, always for the tenant the verified token names ({@link DeployedRunsApi}).
 */
@Named("runs")
public class RunsLambda implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Supplier<DeployedRunsApi> api;
    private final String claim;

    @Inject
    public RunsLambda(
            LemonConfig config,
            LightPipeline pipelines,
            @ConfigProperty(name = "lemon.upload.tenant-claim") Optional<String> claim,
            @ConfigProperty(name = "lemon.workflow.state-machine-arn") Optional<String> machine) {
        // built at the first request, as the stages' pipeline is: a bad setting fails the request, not the start
        this(() -> deployed(config.store(), pipelines, machine), claimOf(claim));
    }

    RunsLambda(Supplier<DeployedRuns> runs, String claim) {
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
        var bucket = BlobStores.s3Bucket(store)
                .orElseThrow(() -> new IllegalStateException(
                        "the runs API needs an S3 store (LEMON_STORE=s3://bucket/prefix), not '" + store + "'"));
        String arn = machine.filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "the runs API needs the workflow's ARN in LEMON_WORKFLOW_STATE_MACHINE_ARN"));
        SfnClient sfn = SfnClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(bucket.region()))
                .build();
        var pipeline = pipelines.get();
        return new DeployedRuns(
                pipeline.runs(),
                new StepFunctionsExecutions(sfn, arn),
                new S3Links(bucket, DefaultCredentialsProvider.builder().build(), S3Links.TTL),
                m -> pipeline.cost(m).total(),
                Clock.systemUTC());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getHttp();
        DeployedRunsApi.Answer a = api.get()
                .answer(
                        UploadUrlLambda.tenant(event, claim),
                        http == null ? "GET" : http.getMethod(),
                        event.getRawPath());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(a.status())
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                .withBody(a.body())
                .build();
    }
}
