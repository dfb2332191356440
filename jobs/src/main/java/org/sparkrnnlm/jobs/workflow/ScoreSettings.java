package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.util.List;

/**
 * What {@code score} is asked to do. DATA is either sentences (one dataset directory, sentence table
 * or text file, as evaluate reads it) or, with {@code dump}, comment dumps read as preprocess reads
 * its input; the options of a dump's reading are null when not given and apply to dumps only.
 */
public record ScoreSettings(String model, List<String> data, boolean dump, String output, Integer partitions, String format,
                            String badRecords, Double maxBadFraction, Long maxRecordBytes) {
    public static final double DEFAULT_MAX_BAD_FRACTION = 0.05;
    public static final long DEFAULT_MAX_RECORD_BYTES = 1_000_000;

    public ScoreSettings {
        require(model != null, "--model is required");
        require(output != null, "--output is required");
        require(data != null && !data.isEmpty(), "--data is required");
        data = List.copyOf(data);
        require(dump || data.size() == 1, "--data takes one DATA unless --dump says they are comment dumps, got " + data.size());
        require(partitions == null || partitions >= 1, "--partitions must be at least 1, got " + partitions);
        if (!dump) {
            for (String option : new String[] {format == null ? null : "--format", badRecords == null ? null : "--bad-records",
                    maxBadFraction == null ? null : "--max-bad-fraction", maxRecordBytes == null ? null : "--max-record-bytes"}) {
                require(option == null, option + " applies to comment dumps only: add --dump");
            }
        }
        require(format == null || List.of("auto", "csv", "json").contains(format), "--format must be auto, csv or json, got " + format);
        require(maxBadFraction == null || (maxBadFraction >= 0 && maxBadFraction <= 1),
                "--max-bad-fraction must be in [0, 1], got " + maxBadFraction);
        require(maxRecordBytes == null || maxRecordBytes >= 1, "--max-record-bytes must be positive, got " + maxRecordBytes);
    }

    public String formatOrDefault() {
        return format != null ? format : "auto";
    }

    public double maxBadFractionOrDefault() {
        return maxBadFraction != null ? maxBadFraction : DEFAULT_MAX_BAD_FRACTION;
    }

    public long maxRecordBytesOrDefault() {
        return maxRecordBytes != null ? maxRecordBytes : DEFAULT_MAX_RECORD_BYTES;
    }
}
