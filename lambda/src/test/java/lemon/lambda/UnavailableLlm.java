package lemon.lambda;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Stands in for an OpenAI-compatible LLM server that is overloaded: every request gets 503. The
 * profile points the function's analyst at it, without retries inside the function.
 */
public final class UnavailableLlm implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\":{\"message\":\"overloaded\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of(
                "lemon.llm.provider", "openai",
                "lemon.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "lemon.llm.model", "stand-in",
                "lemon.llm.retries", "0");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static final class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UnavailableLlm.class));
        }
    }
}
