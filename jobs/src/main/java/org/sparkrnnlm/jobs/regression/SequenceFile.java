package org.sparkrnnlm.jobs.regression;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;

/** Writes sequences as the JSON lines {@link SequenceSource} reads. */
public final class SequenceFile {
    private SequenceFile() {
    }

    /**
     * Writes one line per sequence to path, which must not exist. The lines go to a hidden sibling
     * (".NAME.tmp", which directory reads skip) renamed into place at the end, so a crash never
     * leaves a half-written file under the real name.
     */
    public static long write(FileStore store, String path, Iterator<Sequence> sequences, TargetForm form) throws IOException {
        if (store.exists(path)) throw new InvalidSettingException(path + " already exists: choose a new name");
        int slash = path.lastIndexOf('/');
        String temporary = path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".tmp";
        long lines = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(store.create(temporary), StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder();
            while (sequences.hasNext()) {
                line.setLength(0);
                append(line, sequences.next(), form);
                out.append(line).append('\n');
                lines++;
            }
        } catch (IOException | RuntimeException e) {
            store.delete(temporary);
            throw e;
        }
        store.rename(temporary, path);
        return lines;
    }

    /** {"inputs":[[...],...],"target":[...]} (target rows for EVERY_STEP); numbers as Double.toString, which round-trips. */
    public static String toJson(Sequence s, TargetForm form) {
        StringBuilder sb = new StringBuilder();
        append(sb, s, form);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Sequence s, TargetForm form) {
        sb.append("{\"inputs\":");
        rows(sb, s.inputs(), s.inputSize());
        sb.append(",\"target\":");
        double[] target = s.target();
        if (form == TargetForm.EVERY_STEP) rows(sb, target, target.length / s.steps());
        else row(sb, target, 0, target.length);
        sb.append('}');
    }

    private static void rows(StringBuilder sb, double[] values, int rowLength) {
        sb.append('[');
        for (int from = 0; from < values.length; from += rowLength) {
            if (from > 0) sb.append(',');
            row(sb, values, from, rowLength);
        }
        sb.append(']');
    }

    private static void row(StringBuilder sb, double[] values, int from, int length) {
        sb.append('[');
        for (int i = 0; i < length; i++) {
            if (i > 0) sb.append(',');
            sb.append(values[from + i]);
        }
        sb.append(']');
    }
}
