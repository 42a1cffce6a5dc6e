package lemon.lambda;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/** Invokes the function through Quarkus' mock Lambda event server, as the Lambda service would. */
final class MockLambda {
    record Reply(int status, String body) {}

    private MockLambda() {}

    static Reply invoke(String json) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_lambda_"))
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
