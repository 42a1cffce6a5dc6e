package lemon.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import lemon.cd.CdDatabaseException;
import lemon.ingest.StoryRejectedException;
import lemon.port.StoreUnavailableException;
import lemon.run.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's one error taxonomy. A configuration or input problem (bad option, rejected story, a store
 * that cannot be used, a missing file) is one line saying what is wrong and how to fix it, exit 2.
 * A failed stage is one line with the run id and the resume command, exit 1 ({@link RunSummary}).
 * Anything else is a bug or an unforeseen fault: one line naming it, exit 1. {@code --verbose} adds
 * the stack trace to each.
 */
@ApplicationScoped
public class CommandLineSetup {
    /** Exit code of a configuration or input problem; 1 is a failed run. */
    static final int BAD_INPUT = 2;

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create()
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    Problem p = classify(e);
                    cmd.getErr().println("lemon: " + p.message());
                    if (verbose(parsed)) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return p.exitCode();
                })
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine cmd = e.getCommandLine();
                    String line = "lemon: " + e.getMessage();
                    if (e instanceof CommandLine.UnmatchedArgumentException u
                            && !u.getSuggestions().isEmpty()) {
                        line += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
                    }
                    cmd.getErr().println(line + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
                    return BAD_INPUT;
                });
    }

    record Problem(String message, int exitCode) {}

    static Problem classify(Exception e) {
        if (e instanceof StoryRejectedException) {
            return new Problem("story rejected: " + e.getMessage(), BAD_INPUT);
        }
        StoreUnavailableException store = StoreUnavailableException.in(e);
        if (store != null) {
            return new Problem(store.getMessage(), BAD_INPUT);
        }
        if (e instanceof IllegalArgumentException
                || e instanceof IllegalStateException
                || e instanceof CdDatabaseException
                || e instanceof RunStore.UnknownRunException) {
            return new Problem(e.getMessage(), BAD_INPUT);
        }
        IOException io = e instanceof UncheckedIOException u ? u.getCause() : e instanceof IOException i ? i : null;
        if (io != null) {
            return new Problem(describe(e, io), BAD_INPUT);
        }
        return new Problem(
                "internal error: " + e.getClass().getName() + ": " + e.getMessage()
                        + " (--verbose shows the stack trace)",
                1);
    }

    /** NIO's own messages are only a path; say what happened to it. */
    private static String describe(Exception e, IOException io) {
        // UncheckedIOException("cannot read X", cause) adds context; UncheckedIOException(cause) only repeats it
        String context =
                e != io && e.getMessage() != null && !e.getMessage().equals(io.toString()) ? e.getMessage() + ": " : "";
        if (io instanceof AccessDeniedException a) {
            return context + a.getFile() + ": permission denied";
        }
        if (io instanceof NoSuchFileException n) {
            return context + n.getFile() + ": no such file or folder";
        }
        if (io instanceof FileSystemException f && f.getReason() != null) {
            return context + f.getFile() + ": " + f.getReason();
        }
        return context + io.getMessage();
    }

    /** Whether --verbose was given, before or after the subcommand. */
    static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
