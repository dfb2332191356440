package org.sparkrnnlm.jobs.cli;

import picocli.CommandLine.Option;

/** --verbose: print the stack trace of a failure, not just its one-line cause. */
public final class VerboseOption {
    @Option(names = "--verbose", description = "Print stack traces on failure.")
    boolean verbose;
}
