package lemon.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import lemon.storage.UploadDesk;
import lemon.storage.UploadForms;
import lemon.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

/** The handler's part: the tenant from the authoriser's JWT claims, a base64 body as API Gateway sends it. */
class UploadUrlLambdaTest {
    static APIGatewayV2HTTPEvent event(Map<String, String> claims, String body) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                .builder()
                .withClaims(claims)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(jwt)
                                .build())
                        .build())
                .withBody(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();
    }

    @Test
    void theTokensTenantClaimChoosesTheFolderAndAMissingOneIsUnauthorised() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        // a store that is not S3 can take no uploads: the refusal shows the request reached the desk as acme's
        var handler = new UploadUrlLambda(
                () -> new UploadDesk(new UploadForms("target/no-s3", 100), store), UploadUrlLambda.DEFAULT_CLAIM);
        var refused = handler.handleRequest(
                event(Map.of("custom:tenant", "acme"), "{\"fileName\": \"a.txt\", \"tenant\": \"acme\"}"), null);
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        assertTrue(refused.getBody().contains("upload forms need an S3 store"), refused.getBody());
        assertEquals("application/json", refused.getHeaders().get("Content-Type"));

        var other = handler.handleRequest(
                event(Map.of("custom:tenant", "acme"), "{\"fileName\": \"a.txt\", \"tenant\": \"globex\"}"), null);
        assertEquals(403, other.getStatusCode(), other.getBody());
        var anonymous = handler.handleRequest(event(Map.of("sub", "u-1"), "{\"fileName\": \"a.txt\"}"), null);
        assertEquals(401, anonymous.getStatusCode(), anonymous.getBody());
    }
}
