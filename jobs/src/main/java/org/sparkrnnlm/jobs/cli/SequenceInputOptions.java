package org.sparkrnnlm.jobs.cli;

import org.sparkrnnlm.jobs.workflow.SequenceInput;
import picocli.CommandLine.Option;

/** How the regression commands read JSON lines of sequences, and where bad rows go. */
public final class SequenceInputOptions {
    @Option(names = "--bad-records", paramLabel = "DIR", description = "Write rejected rows here with their reason (DIR/<data name>/).")
    String badRecords;
    @Option(names = "--max-bad-fraction", defaultValue = "0.05", description = "Fail when more than this fraction of rows is bad (default: ${DEFAULT-VALUE}).")
    double maxBadFraction;

    SequenceInput settings() {
        return new SequenceInput(badRecords, maxBadFraction);
    }
}
