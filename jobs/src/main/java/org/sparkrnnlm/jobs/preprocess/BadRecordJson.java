package org.sparkrnnlm.jobs.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of --bad-records: {"reason": ..., "source": ..., "record": first characters of the raw record}. */
public final class BadRecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BadRecordJson() {
    }

    static String of(RawComment r) throws JsonProcessingException {
        return of(r.reason().label(), r.source(), r.rawStart());
    }

    public static String of(String reason, String source, String record) throws JsonProcessingException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("reason", reason);
        m.put("source", source);
        m.put("record", record);
        return JSON.writeValueAsString(m);
    }
}
