package org.sparkrnnlm.jobs.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of --bad-records: {"reason": ..., "source": ..., "record": first characters of the raw record}. */
final class BadRecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BadRecordJson() {
    }

    static String of(RawComment r) throws JsonProcessingException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("reason", r.reason().label());
        m.put("source", r.source());
        m.put("record", r.rawStart());
        return JSON.writeValueAsString(m);
    }
}
