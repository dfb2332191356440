package org.sparkrnnlm.jobs.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.train.TrainingDivergedException;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import picocli.CommandLine;

/**
 * The exit status of {@code rnnlm COMMAND}, so that a scheduler can tell a retry (I/O) from a fix
 * of the data (bad input) or of the settings (usage, divergence) without parsing messages.
 */
public enum ExitCode {
    SUCCESS(0),
    /** Anything not classified below: a bug, a Spark failure, a model that does not fit the data. */
    FAILURE(1),
    /** Unknown or missing options, values out of range, settings that contradict the model or the output. */
    USAGE(2),
    /** Missing input, an empty input, too many bad records, an unreadable model or data file. */
    BAD_INPUT(3),
    /** Training kept diverging after every allowed rollback. */
    DIVERGED(4),
    /** The file system failed: cannot read or write, a lost connection. */
    IO(5);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code of a failure. The whole cause chain counts, not just the top: a task's exception
     * reaches the driver wrapped in Spark's and picocli's, and an IOException in an UncheckedIOException.
     * The most specific class wins: a missing file is bad input although it is an IOException.
     */
    public static ExitCode of(Throwable failure) {
        boolean bad = false;
        boolean diverged = false;
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidSettingException || t instanceof CommandLine.ParameterException) return USAGE;
            bad |= t instanceof BadInputException || t instanceof FileNotFoundException || t instanceof ModelFormatException;
            diverged |= t instanceof TrainingDivergedException;
            io |= t instanceof IOException;
        }
        if (bad) return BAD_INPUT;
        if (diverged) return DIVERGED;
        return io ? IO : FAILURE;
    }
}
