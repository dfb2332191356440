package org.sparkrnnlm.jobs.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.api.java.UDF1;
import org.sparkrnnlm.core.text.CommentTokenizer;
import org.sparkrnnlm.jobs.preprocess.RejectReason;

/**
 * A comment body's sentences as preprocess keeps them: empty, deleted and removed bodies have none,
 * the rest go through the core tokenizer, and sentences of fewer than two words are dropped.
 */
final class CommentSentences implements UDF1<String, List<List<String>>> {
    private static final long serialVersionUID = 1L;
    private static final CommentTokenizer TOKENIZER = new CommentTokenizer();

    @Override
    public List<List<String>> call(String body) {
        List<List<String>> kept = new ArrayList<>();
        if (body == null || RejectReason.forBody(body) != null) return kept;
        for (List<String> sentence : TOKENIZER.sentences(body)) {
            if (CommentTokenizer.longEnough(sentence)) kept.add(sentence);
        }
        return kept;
    }
}
