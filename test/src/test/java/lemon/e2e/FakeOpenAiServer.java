package lemon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import lemon.run.Json;

/**
 * Stands in for a remote OpenAI-compatible LLM server (vLLM, llama.cpp server, Ollama) on
 * 127.0.0.1: answers /v1/chat/completions with whatever the test's function returns for the
 * request, optionally after a delay. Everything else in the run is real.
 */
final class FakeOpenAiServer implements AutoCloseable {
    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    /** @param reply from (system message, user message) to the assistant's content */
    FakeOpenAiServer(java.util.function.BiFunction<String, String, String> reply, long delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            JsonNode req = Json.MAPPER.readTree(exchange.getRequestBody());
            String system = "";
            String user = "";
            for (JsonNode m : req.path("messages")) {
                if (m.path("role").asText().equals("system")) {
                    system = m.path("content").asText();
                } else if (m.path("role").asText().equals("user")) {
                    user = m.path("content").asText();
                }
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = Json.bytes(completion(req.path("model").asText(), reply.apply(system, user)));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException clientGaveUp) {
                // the client timed out first: that is what the timeout test wants
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static ObjectNode completion(String model, String content) {
        ObjectNode root = Json.MAPPER
                .createObjectNode()
                .put("id", "chatcmpl-test")
                .put("object", "chat.completion")
                .put("created", 1)
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage")
                .put("prompt_tokens", 10)
                .put("completion_tokens", 10)
                .put("total_tokens", 20);
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
