package lemon.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(
        name = "lemon",
        mixinStandardHelpOptions = true,
        description = "LeMon: multi-character story visualisation.",
        subcommands = {
            RunCommand.class,
            ResumeCommand.class,
            RunsCommand.class,
            TrainMatcherCommand.class,
            EvalMatcherCommand.class,
            BenchTalesCommand.class,
            BenchTopKCommand.class,
            MiniWorldCommand.class,
            TrainMiniCommand.class,
            EvalMiniCommand.class,
            PersonalizeCheckCommand.class,
            GenerateCommand.class,
            StageCommand.class,
            AnalyzeCommand.class,
            CdDatabaseCommand.class,
            BenchThreadsCommand.class
        })
public class LemonCommand {}
