package org.sparkrnnlm.jobs.hadoop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkrnnlm.jobs.preprocess.RawComment;

/** One line of --bad-records: {"reason": ..., "source": ..., "record": first characters of the raw record}. */
public final class BadRecordJson {
    /** Characters of a rejected record kept: a 50 MB record costs nothing downstream. */
    public static final int MAX_RAW_START = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BadRecordJson() {
    }

    public static String of(String reason, String source, String record) throws JsonProcessingException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("reason", reason);
        m.put("source", source);
        m.put("record", record);
        return JSON.writeValueAsString(m);
    }

    /** The first {@link #MAX_RAW_START} chars of s, never ending inside a surrogate pair. */
    public static String clip(String s) {
        if (s.length() <= MAX_RAW_START) return s;
        int end = MAX_RAW_START;
        if (Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end);
    }
}
