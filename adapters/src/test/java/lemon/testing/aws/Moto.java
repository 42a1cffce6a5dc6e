package lemon.testing.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * A local AWS for tests: moto's server (Python) started from a launcher script on a free port of
 * 127.0.0.1, until {@link #close}. Tests that need it skip, with a printed notice, where python3
 * with moto is not installed ({@link #installed}).
 */
public final class Moto implements AutoCloseable {
    public static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("testing", "testing");

    private final Process process;
    private final URI endpoint;
    private final String ready;
    private final java.util.ArrayDeque<String> log;

    private Moto(Process process, URI endpoint, String ready, java.util.ArrayDeque<String> log) {
        this.process = process;
        this.endpoint = endpoint;
        this.ready = ready;
        this.log = log;
    }

    /** The server's last 200 lines of output (its errors' tracebacks), for a failure's message. */
    public String recentOutput() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** Whether python3 can import moto's server; prints why not for {@code test} when it cannot. */
    public static boolean installed(String test) {
        boolean has;
        try {
            has = new ProcessBuilder("python3", "-c", "import moto.server")
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            has = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            has = false;
        }
        if (!has) System.out.println(test + " skipped: python3 with moto is not installed");
        return has;
    }

    /** The plain server ({@code moto_server.py}). */
    public static Moto start() throws IOException {
        return start(Moto.class.getResourceAsStream("moto_server.py"), List.of());
    }

    /**
     * A launcher script that takes the port as its first argument (then {@code args}), serves until
     * its stdin closes and prints a line starting "moto ready" when it does; the rest of that line is
     * {@link #ready()}.
     */
    public static Moto start(InputStream launcher, List<String> args) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = Files.createTempFile("moto-launcher", ".py");
        try (launcher) {
            Files.write(script, launcher.readAllBytes());
        }
        script.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), String.valueOf(port)));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.util.ArrayDeque<String> log = new java.util.ArrayDeque<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> before = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("moto ready")) before.add(line);
        if (line == null) {
            p.destroy();
            throw new IOException("moto did not start: " + String.join("\n", before));
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> {
            synchronized (log) {
                log.addLast(l);
                if (log.size() > 200) log.removeFirst();
            }
        }));
        drain.setDaemon(true);
        drain.start();
        return new Moto(
                p,
                URI.create("http://127.0.0.1:" + port),
                line.substring("moto ready".length()).strip(),
                log);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** What the launcher printed after "moto ready" (a JSON object, for one that makes resources). */
    public String ready() {
        return ready;
    }

    /** An AWS SDK client of this server: its endpoint, us-east-1, moto's test keys. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KEYS))
                .build();
    }

    /**
     * The S3 notifications on {@code queue} that name objects (S3's test event left out), taken off
     * the queue, waiting up to 10 s for {@code n}.
     */
    public static List<String> notifications(software.amazon.awssdk.services.sqs.SqsClient sqs, String queue, int n) {
        List<String> bodies = new ArrayList<>();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (bodies.size() < n && System.nanoTime() < deadline) {
            for (var m : sqs.receiveMessage(
                            r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                if (m.body().contains("\"Records\"")) bodies.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
