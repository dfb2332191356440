package org.sparkrnnlm.jobs.hadoop;

/**
 * Input that a job cannot use: too many bad records, no records at all, data that cannot be read
 * as what it claims to be. The command line exits with its own status for it (ExitCode.BAD_INPUT),
 * also when a task on an executor throws it: it is serializable, so it reaches the driver as the
 * cause of Spark's job failure.
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
