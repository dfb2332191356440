package org.sparkrnnlm.jobs.cli;

import java.io.PrintWriter;
import org.sparkrnnlm.core.train.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code rnnlm COMMAND [options]}: the exit status is an {@link ExitCode}. */
@Command(name = "rnnlm", mixinStandardHelpOptions = true, version = "spark-rnnlm 0.1.0",
        description = "Recurrent neural network language models on Apache Spark.",
        subcommands = {PreprocessCommand.class, TrainCommand.class, EvaluateCommand.class, GenerateCommand.class,
            ScoreCommand.class, MakeDatasetCommand.class, TrainRegressionCommand.class, EvaluateRegressionCommand.class, PredictCommand.class,
            BenchCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = run(args);
        System.exit(code);
    }

    /** Runs a command and returns its exit status, without exiting: the tests call this. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean verbose = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose");
            Throwable cause = rootMessage(e);
            line.getErr().println("rnnlm " + line.getCommandName() + ": " + describe(cause));
            if (verbose) e.printStackTrace(line.getErr());
            return ExitCode.of(e).status();
        });
        cli.setParameterExceptionHandler((e, argv) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("rnnlm " + e.getCommandLine().getCommandName() + ": " + e.getMessage()
                    + " (see --help)");
            return ExitCode.USAGE.status();
        });
        return cli.execute(args);
    }

    private static Throwable rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t.getClass().getName().startsWith("org.apache.spark.SparkException"))) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String firstLine = message.lines().findFirst().orElse(message);
        return t instanceof java.io.IOException || t instanceof IllegalArgumentException 
                || t instanceof TrainingDivergedException
                ? firstLine : t.getClass().getSimpleName() + ": " + firstLine;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
