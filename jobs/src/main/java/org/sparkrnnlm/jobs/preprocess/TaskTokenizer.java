package org.sparkrnnlm.jobs.preprocess;

import org.sparkrnnlm.core.text.MemoWordTokenizer;

/**
 * The word table and the chunk memory of one task thread, kept from task to task. Input partitions are
 * small (the local file system cuts files into 32 MB splits, a 2 GB dump into 64 tasks), and a fresh memory
 * spends its first 100,000 comments or so learning the chunks of the language: kept per thread, it learns them
 * once per executor core. Nothing of it reaches the output (blocks number their own words), so which thread
 * runs which task changes nothing. A table grown past {@link #MAX_WORDS} is dropped when the next task
 * starts, so a long-lived executor does not hold every word it ever saw.
 */
final class TaskTokenizer {
    static final int MAX_WORDS = 1 << 22;
    private static final ThreadLocal<TaskTokenizer> CURRENT = new ThreadLocal<>();

    final WordTable words = new WordTable();
    final MemoWordTokenizer memo = new MemoWordTokenizer(words);

    private TaskTokenizer() {
    }

    /** The calling thread's tokenizer, for one task's records. */
    static TaskTokenizer forTask() {
        TaskTokenizer t = CURRENT.get();
        if (t == null || t.words.size() > MAX_WORDS) {
            t = new TaskTokenizer();
            CURRENT.set(t);
        }
        return t;
    }
}
