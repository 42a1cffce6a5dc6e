package lemon.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@TopCommand
@Command(
        name = "lemon",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // every command takes --help, as the error messages promise
        description = "LeMon: multi-character story visualisation.",
        subcommands = {
            RunCommand.class,
            ResumeCommand.class,
            RunsCommand.class,
            ServeCommand.class,
            TrainMatcherCommand.class,
            EvalMatcherCommand.class,
            BenchTalesCommand.class,
            BenchTopKCommand.class,
            MiniWorldCommand.class,
            TrainMiniCommand.class,
            EvalMiniCommand.class,
            EvalDescriptionsCommand.class,
            EvalStoryboardCommand.class,
            EvalCommand.class,
            EvalCastCommand.class,
            PersonalizeCheckCommand.class,
            GenerateCommand.class,
            StageCommand.class,
            AnalyzeCommand.class,
            CdDatabaseCommand.class,
            BenchThreadsCommand.class
        })
public class LemonCommand {
    /** Read from the parse result by the error handlers (CommandLineSetup), whichever command it follows. */
    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "on an error, print its stack trace after the one-line message")
    boolean verbose;
}
