package lemon.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import lemon.config.LemonConfig;
import lemon.storage.UploadApi;
import lemon.storage.UploadDesk;
import lemon.storage.UploadForms;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /upload-url} behind API Gateway's JWT authoriser (the function Terraform names
 * {@code <prefix>-upload-url}, handler {@code upload-url}): the tenant comes from the verified token's
 * claim ({@code lemon.upload.tenant-claim}), the form from {@link UploadApi}.
 */
@Named("upload-url")
public class UploadUrlLambda implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The claim Cognito user pools give a custom attribute named tenant. */
    static final String DEFAULT_CLAIM = "custom:tenant";

    private final java.util.function.Supplier<UploadApi> api;
    private final String claim;

    @Inject
    public UploadUrlLambda(
            LemonConfig config,
            LightPipeline pipelines,
            @ConfigProperty(name = "lemon.upload.tenant-claim") Optional<String> claim) {
        // built at the first request, as the stages' pipeline is: a bad setting fails the request, not the start
        this(
                () -> new UploadDesk(
                        new UploadForms(config.store(), config.ingest().maxBytes()),
                        pipelines.get().runs().blobs()),
                claim.filter(c -> !c.isBlank()).orElse(DEFAULT_CLAIM));
    }

    UploadUrlLambda(java.util.function.Supplier<UploadDesk> desk, String claim) {
        UploadApi[] built = new UploadApi[1];
        this.api = () -> {
            synchronized (built) {
                if (built[0] == null) built[0] = new UploadApi(desk.get(), claim);
                return built[0];
            }
        };
        this.claim = claim;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        UploadApi.Answer a = api.get().answer(tenant(event, claim), body);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(a.status())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(a.body())
                .build();
    }

    /** The caller's tenant: the claim of the token API Gateway's JWT authoriser verified; null without one. */
    static String tenant(APIGatewayV2HTTPEvent event, String claim) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        return claims == null ? null : claims.get(claim);
    }
}
