package org.sparkrnnlm.jobs.preprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/** stats.json: what the tutorial prints about its data, plus what was read and rejected. */
public final class PreprocessStats {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public PreprocessStats(long recordsRead, Map<RejectReason, Long> rejected, long sentences, long heldoutSentences,
                           long tokens, long distinctTokens, Vocabulary vocabulary) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (RejectReason r : RejectReason.values()) reasons.put(r.label(), rejected.getOrDefault(r, 0L));
        long rejectedTotal = reasons.values().stream().mapToLong(Long::longValue).sum();
        fields.put("comments_read", recordsRead);
        fields.put("comments_used", recordsRead - rejectedTotal);
        fields.put("records_rejected", reasons);
        fields.put("bad_records", BadRecords.bad(rejected));
        fields.put("sentences", sentences);
        fields.put("heldout_sentences", heldoutSentences);
        fields.put("tokens", tokens);
        fields.put("distinct_tokens", distinctTokens);
        fields.put("vocabulary_size", vocabulary.size());
        int least = leastFrequent(vocabulary);
        Map<String, Object> word = new LinkedHashMap<>();
        word.put("word", vocabulary.word(least));
        word.put("count", vocabulary.count(least));
        fields.put("least_frequent_word", word);
    }

    /** The rarest word the vocabulary keeps (UNKNOWN_TOKEN aside), the last one on ties. */
    private static int leastFrequent(Vocabulary v) {
        int least = 0;
        for (int id = 0; id < v.unknownId(); id++) {
            if (v.count(id) <= v.count(least)) least = id;
        }
        return least;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public void write(OutputStream out) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, fields);
    }
}
