package org.sparkrnnlm.jobs.settings;

/** A setting that cannot work, found before any work starts: the command line exits with status 2. */
public final class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
        super(message);
    }

    /** Fails with the message when the condition does not hold. */
    public static void require(boolean condition, String message) {
        if (!condition) throw new InvalidSettingException(message);
    }
}
