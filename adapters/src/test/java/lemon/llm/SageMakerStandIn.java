package lemon.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stands in for SageMaker's runtime on 127.0.0.1: POST /endpoints/NAME/invocations plays a script
 * of replies (a status with an error type and body, or an answer body) and hangs when the script
 * runs out. It keeps each request and checks its SigV4 signature the way AWS does, by computing it
 * again from what arrived and the secret key, with its own code rather than the SDK's.
 */
final class SageMakerStandIn implements AutoCloseable {
    /** What arrived: header names in lower case. */
    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Reply(int status, String errorType, String body) {}

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([a-z0-9;-]+),"
                    + " Signature=([0-9a-f]{64})");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    SageMakerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/endpoints/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply next;
            synchronized (script) {
                next = script.poll();
            }
            try {
                if (next == null) {
                    closed.await(30, TimeUnit.SECONDS);
                } else {
                    send(exchange, next);
                }
            } catch (IOException clientGaveUp) {
                // the client timed out first, as a hanging-endpoint test wants
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** The runtime URL to configure instead of runtime.sagemaker.REGION.amazonaws.com. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    SageMakerStandIn answer(String body) {
        return reply(200, null, body);
    }

    /** An error as SageMaker sends it: the type in x-amzn-ErrorType, the body as given. */
    SageMakerStandIn error(int status, String errorType, String body) {
        return reply(status, errorType, body);
    }

    private SageMakerStandIn reply(int status, String errorType, String body) {
        synchronized (script) {
            script.add(new Reply(status, errorType, body));
        }
        return this;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (reply.errorType() != null) {
            exchange.getResponseHeaders()
                    .add("x-amzn-ErrorType", reply.errorType() + ":http://internal.amazon.com/coral/com.amazon.coral/");
        }
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    /**
     * Why {@code r}'s SigV4 signature is not the one {@code secretKey} makes for what arrived, or
     * null when it is: the canonical request from the method, path, signed headers and the body's
     * SHA-256; the string to sign from X-Amz-Date and the credential scope; the key derived from the
     * secret through the date, region, service and "aws4_request".
     */
    static String signatureProblem(Request r, String secretKey) {
        String authorization = r.header("Authorization");
        Matcher a = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (a == null || !a.matches()) {
            return "no SigV4 Authorization header: " + authorization;
        }
        String day = a.group(2);
        String region = a.group(3);
        String service = a.group(4);
        String signedHeaders = a.group(5);
        String amzDate = r.header("X-Amz-Date");
        if (amzDate == null || !amzDate.startsWith(day)) {
            return "X-Amz-Date " + amzDate + " does not match the credential's day " + day;
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = r.header(name);
            if (value == null) {
                return "signed header " + name + " did not arrive";
            }
            canonicalHeaders.append(name).append(':').append(value.strip()).append('\n');
        }
        String canonicalRequest = String.join(
                "\n", r.method(), r.path(), "", canonicalHeaders.toString(), signedHeaders, hex(sha256(r.body())));
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonicalRequest)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        return expected.equals(a.group(6))
                ? null
                : "signature " + a.group(6) + ", expected " + expected + " for the canonical request\n"
                        + canonicalRequest;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
