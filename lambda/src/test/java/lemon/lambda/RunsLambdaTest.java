package lemon.lambda;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import lemon.run.RunStore;
import lemon.testing.InMemoryBlobStore;
import lemon.upload.DeployedRuns;
import org.junit.jupiter.api.Test;

/** The handler's part: method and path from API Gateway's event, the tenant from the authoriser's JWT claims. */
class RunsLambdaTest {
    static APIGatewayV2HTTPEvent event(Map<String, String> claims, String method, String path) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                .builder()
                .withClaims(claims)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(jwt)
                                .build())
                        .build())
                .build();
    }

    @Test
    void theTokensTenantAndTheRequestsMethodAndPathReachTheApi() throws Exception {
        InMemoryBlobStore root = new InMemoryBlobStore();
        root.put("uploads/acme/u1/story.txt", "a story".getBytes());
        DeployedRuns.Workflow none = new DeployedRuns.Workflow() {
            public boolean start(String name, String input) {
                return false;
            }

            public Optional<String> status(String name) {
                return Optional.empty();
            }

            public void stop(String name, String cause) {}
        };
        var handler = new RunsLambda(
                () -> new DeployedRuns(new RunStore(root), none, k -> "signed:" + k, m -> 0, Clock.systemUTC()),
                UploadUrlLambda.DEFAULT_CLAIM,
                1000,
                20);

        var mine = handler.handleRequest(event(Map.of("custom:tenant", "acme"), "GET", "/runs"), null);
        assertEquals(200, mine.getStatusCode(), mine.getBody());
        assertTrue(mine.getBody().contains("\"upload\":\"uploads/u1/story.txt\""), mine.getBody());
        assertTrue(mine.getBody().contains("\"state\":\"waiting\""), mine.getBody());
        assertEquals("application/json", mine.getHeaders().get("Content-Type"));

        var theirs = handler.handleRequest(event(Map.of("custom:tenant", "globex"), "GET", "/runs"), null);
        assertEquals("[]", theirs.getBody());
        var wrongMethod = handler.handleRequest(event(Map.of("custom:tenant", "acme"), "POST", "/runs"), null);
        assertEquals(405, wrongMethod.getStatusCode());
        var anonymous = handler.handleRequest(event(Map.of("sub", "u-1"), "GET", "/runs"), null);
        assertEquals(401, anonymous.getStatusCode(), anonymous.getBody());

        // the page, without a token, and its switch to deployment mode with the upload limits
        var page = handler.handleRequest(event(Map.of(), "GET", "/"), null);
        assertEquals(200, page.getStatusCode());
        assertTrue(page.getBody().contains("<script src=\"app.js\""), page.getBody());
        assertTrue(page.getHeaders().get("Content-Type").startsWith("text/html"));
        var script = handler.handleRequest(event(Map.of(), "GET", "/app.js"), null);
        assertTrue(script.getBody().contains("async function upload("), "the deployment's page is this build's page");
        var config = handler.handleRequest(event(Map.of(), "GET", "/config.json"), null);
        assertEquals("{\"deployment\":true,\"maxBytes\":1000,\"minWords\":20}", config.getBody());
    }
}
