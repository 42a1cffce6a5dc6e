package lemon.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lemon.run.Json;

/**
 * Stands in for a remote OpenAI-compatible server on 127.0.0.1: /v1/chat/completions plays a
 * script of replies (a status and an error body, an assistant answer, or no answer at all until
 * the test ends); when the script runs out it hangs. It keeps each request's body and
 * Authorization header for tests that check what was sent. For the LLM clients' fault handling
 * and the vision validator.
 */
public final class OpenAiStandIn implements AutoCloseable {
    private interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    public final AtomicInteger requests = new AtomicInteger();
    /** The bodies of the requests that arrived, in order. */
    public final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    /** Their Authorization headers ("" when absent). */
    public final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    public OpenAiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Reply next;
            synchronized (script) {
                next = script.poll();
            }
            try {
                if (next == null) {
                    hang();
                } else {
                    next.send(exchange);
                }
            } catch (IOException clientGaveUp) {
                // the client timed out first, which is what a hanging-server test wants
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public OpenAiStandIn status(int code, String body) {
        return add(exchange -> send(exchange, code, body.getBytes(StandardCharsets.UTF_8)));
    }

    public OpenAiStandIn answer(String content) {
        return add(exchange -> send(exchange, 200, Json.bytes(completion(content))));
    }

    private OpenAiStandIn add(Reply r) {
        synchronized (script) {
            script.add(r);
        }
        return this;
    }

    private void hang() {
        try {
            closed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
    }

    private static ObjectNode completion(String content) {
        ObjectNode root = Json.MAPPER
                .createObjectNode()
                .put("id", "chatcmpl-test")
                .put("object", "chat.completion")
                .put("created", 1)
                .put("model", "llama-2-7b-chat");
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
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
