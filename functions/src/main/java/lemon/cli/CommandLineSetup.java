package lemon.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Turns expected errors (bad options, missing files, bad config) into one line instead of a stack trace. */
@ApplicationScoped
public class CommandLineSetup {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof lemon.ingest.StoryRejectedException) {
                cmd.getErr().println("lemon: story rejected: " + e.getMessage());
                return 2;
            }
            if (e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException
                    || e instanceof lemon.cd.CdDatabaseException) {
                cmd.getErr().println("lemon: " + e.getMessage());
                return 2;
            }
            throw e;
        });
    }
}
