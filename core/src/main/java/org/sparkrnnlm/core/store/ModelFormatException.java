package org.sparkrnnlm.core.store;

import java.io.IOException;

/** A model file that cannot be read: the message is one line naming the file part and what is wrong. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String oneLineMessage) {
        // Messages end up in job logs and CLI errors, where a stray line break splits them apart.
        super(oneLineMessage == null ? null : oneLineMessage.replaceAll("\\R", " "));
    }
}
