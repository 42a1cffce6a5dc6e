package lemon.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The web app (issue 13): the page at / and its API at /api, served by this same application until
 * Ctrl-C. The HTTP listener is off for every other command; the {@code lemon} launcher turns it on
 * for this one (and passes --port, --host and --out as settings), since Quarkus opens it and wires the
 * store before a command runs.
 */
@Command(
        name = "serve",
        description = "Serve the web app: drop a story in a page and watch it become a storyboard "
                + "(http://127.0.0.1:8080 by default; runs go to the store, per tenant).")
public class ServeCommand implements Callable<Integer> {
    @jakarta.inject.Inject
    lemon.web.WebRuns runs;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "port to listen on (default 8080)")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default 127.0.0.1: this machine only; tenants are names, not secrets)")
    String host;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "where runs go (default lemon.store, ./lemon-runs): DIR/tenants/<tenant>/<run>")
    String out;

    @Override
    public Integer call() {
        var config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("quarkus.http.host-enabled", Boolean.class).orElse(true)) {
            System.err.println("lemon: the HTTP listener is off; start the web app with ./lemon serve (the launcher "
                    + "turns it on), or pass -Dquarkus.http.host-enabled=true");
            return 2;
        }
        int actual = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(port);
        String store = config.getOptionalValue("lemon.store", String.class).orElse("./lemon-runs");
        System.out.println("LeMon web app on http://" + host + ":" + actual
                + "/ (API: /api, OpenAPI: /q/openapi); runs in " + store
                + "/tenants/<tenant>/; Ctrl-C stops (a running run stops after its stage and can be resumed)");
        int waiting = runs.restoreQueue();
        if (waiting > 0) System.out.println(waiting + " run(s) left waiting by the last server queued again");
        Quarkus.waitForExit();
        return 0;
    }
}
