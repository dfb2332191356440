package org.sparkrnnlm.jobs.corpus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.text.TextSentences;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.text.VocabularyRanking.WordCount;
import org.sparkrnnlm.core.text.VocabularyRanking;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import scala.Tuple2;

/**
 * Reads DATA: a dataset directory written by preprocess (Parquet {@code sentences/} with an
 * {@code ids} column, and {@code vocab.tsv}), or plain text with one tokenized sentence per line.
 */
public final class CorpusReader {
    public static final String SENTENCES = "sentences";
    private final SparkSession spark;
    private final HadoopFileStore store;

    public CorpusReader(SparkSession spark) {
        this.spark = spark;
        this.store = new HadoopFileStore(spark.sparkContext().hadoopConfiguration());
    }

    public boolean isDataset(String data) throws IOException {
        return store.isDirectory(FileStore.join(data, SENTENCES));
    }

    /** A Parquet table of sentences on its own, such as a dataset's heldout/. */
    private boolean isSentenceTable(String data) throws IOException {
        return store.isDirectory(data) && java.util.Arrays.stream(store.list(data)).anyMatch(n -> n.endsWith(".parquet"));
    }

    /** The vocabulary a dataset was written with. */
    public Vocabulary datasetVocabulary(String data) throws IOException {
        return Vocabulary.read(store, FileStore.join(data, "vocab.tsv"));
    }

    /**
     * Reads DATA with a given vocabulary, or (vocabulary null) with the dataset's own or one built
     * from the text with {@code vocabularySize} words.
     */
    public Corpus read(String data, Vocabulary vocabulary, int vocabularySize) throws IOException {
        if (!store.exists(data)) throw new java.io.FileNotFoundException("DATA " + data + " does not exist");
        String table = sentenceTable(data, vocabulary);
        if (table != null) return new Corpus(table(table), isDataset(data) ? datasetVocabulary(data) : vocabulary);
        JavaRDD<List<String>> sentences = spark.sparkContext().textFile(data, spark.sparkContext().defaultMinPartitions())
                .toJavaRDD().map(TextSentences::tokens).filter(t -> !t.isEmpty());
        Vocabulary vocab = vocabulary != null ? vocabulary : buildVocabulary(sentences, vocabularySize);
        return new Corpus(sentences.map(vocab::encode), vocab);
    }

    /**
     * DATA's sentences encoded with {@code vocabulary}, each keyed by its position, in no particular
     * order: a dataset's (or sentence table's) {@code position} column (the row number when it has
     * none), a text file's line number from 0 (blank lines are skipped but keep their number).
     */
    public JavaPairRDD<Long, int[]> positioned(String data, Vocabulary vocabulary) throws IOException {
        if (!store.exists(data)) throw new java.io.FileNotFoundException("DATA " + data + " does not exist");
        String table = sentenceTable(data, vocabulary);
        if (table != null) {
            org.apache.spark.sql.Dataset<Row> frame = spark.read().parquet(table);
            if (java.util.Arrays.asList(frame.columns()).contains("position")) {
                return frame.select("position", "ids").javaRDD().mapToPair(row -> new Tuple2<>(row.getLong(0), idsOf(row, 1)));
            }
            return frame.select("ids").javaRDD().zipWithIndex().mapToPair(p -> new Tuple2<>(p._2(), idsOf(p._1())));
        }
        return spark.sparkContext().textFile(data, spark.sparkContext().defaultMinPartitions()).toJavaRDD().zipWithIndex()
                .mapToPair(p -> new Tuple2<>(p._2(), TextSentences.tokens(p._1())))
                .filter(p -> !p._2().isEmpty())
                .mapValues(vocabulary::encode);
    }

    /**
     * The Parquet table of DATA's sentences, or null when DATA is text. A dataset's vocabulary must
     * be the given one (when one is given); a bare table needs one.
     */
    private String sentenceTable(String data, Vocabulary vocabulary) throws IOException {
        if (isDataset(data)) {
            Vocabulary own = datasetVocabulary(data);
            if (vocabulary != null && !vocabulary.words().equals(own.words())) {
                throw new IllegalArgumentException("dataset " + data + " was preprocessed with a different vocabulary"
                        + " than the model's: preprocess it with --vocab MODEL/vocab.tsv");
            }
            return FileStore.join(data, SENTENCES);
        }
        if (isSentenceTable(data)) {
            if (vocabulary == null) throw new IllegalArgumentException(data + " is a sentence table without a vocabulary: pass its dataset directory");
            return data;
        }
        return null;
    }

    /** Sentences of a Parquet table in dump order: Parquet splits do not keep it, the position column does. */
    private JavaRDD<int[]> table(String path) {
        org.apache.spark.sql.Dataset<Row> frame = spark.read().parquet(path);
        if (!java.util.Arrays.asList(frame.columns()).contains("position")) return frame.select("ids").javaRDD().map(CorpusReader::idsOf);
        return frame.select("position", "ids").javaRDD()
                .mapToPair(row -> new Tuple2<>(row.getLong(0), idsOf(row, 1)))
                .sortByKey()
                .values();
    }

    private static int[] idsOf(Row row) {
        return idsOf(row, 0);
    }

    private static int[] idsOf(Row row, int column) {
        List<Integer> list = row.getList(column);
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = list.get(i);
        return ids;
    }

    /**
     * Counts words in Spark and ranks them as {@link VocabularyRanking} does, ties broken by first
     * occurrence in the input, so the result equals {@link Vocabulary#fromCounts} of
     * {@link TextSentences#count} over the same lines in order.
     */
    public static Vocabulary buildVocabulary(JavaRDD<List<String>> sentences, int size) {
        List<WordCount> all = sentences.zipWithIndex().mapPartitionsToPair(CorpusReader::countPartition)
                .reduceByKey(WordCount::merge).values().collect();
        long tokens = 0;
        for (WordCount c : all) tokens += c.count();
        return VocabularyRanking.vocabulary(all, size, tokens);
    }

    /** The words of a partition's sentences, each sentence at its index in the input. */
    private static Iterator<Tuple2<String, WordCount>> countPartition(Iterator<Tuple2<List<String>, Long>> sentences) {
        Map<String, WordCount> counts = new HashMap<>();
        while (sentences.hasNext()) {
            Tuple2<List<String>, Long> s = sentences.next();
            VocabularyRanking.count(counts, s._2(), s._1());
        }
        List<Tuple2<String, WordCount>> out = new ArrayList<>(counts.size());
        for (WordCount c : counts.values()) out.add(new Tuple2<>(c.word(), c));
        return out.iterator();
    }
}
