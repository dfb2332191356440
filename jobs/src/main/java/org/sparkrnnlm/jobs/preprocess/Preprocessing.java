package org.sparkrnnlm.jobs.preprocess;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.text.CommentTokenizer;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.hadoop.BadRecordJson;
import org.sparkrnnlm.jobs.hadoop.BadRecords;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.monitoring.JobLabels;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;

/**
 * The preprocess job: read the dumps, set rejected records aside (counted, and written out with
 * their reason), split and tokenize the rest as the tutorial does, build or reuse the vocabulary,
 * and write the dataset directory (docs/file-formats.md).
 */
public final class Preprocessing {
    /** What the command line asks for. */
    public record Settings(List<String> inputs, String format, int vocabularySize, Vocabulary vocabulary,
                           double heldoutFraction, long seed, String badRecords, double maxBadFraction,
                           long maxRecordBytes, boolean writeText, int partitions) {
        public Settings {
            require(List.of("auto", "csv", "json").contains(format), "--format must be auto, csv or json, got " + format);
            require(vocabularySize >= 4, "--vocab-size must be at least 4, got " + vocabularySize);
            require(heldoutFraction >= 0 && heldoutFraction < 1, "--heldout-fraction must be in [0, 1), got " + heldoutFraction);
            require(maxBadFraction >= 0 && maxBadFraction <= 1, "--max-bad-fraction must be in [0, 1], got " + maxBadFraction);
            require(maxRecordBytes >= 1, "--max-record-bytes must be positive, got " + maxRecordBytes);
            require(partitions >= 0, "--partitions must be positive, got " + partitions);
        }

        /** The same settings with a fixed vocabulary (null: build one from the data). */
        public Settings withVocabulary(Vocabulary fixed) {
            return new Settings(inputs, format, vocabularySize, fixed, heldoutFraction, seed, badRecords, maxBadFraction,
                    maxRecordBytes, writeText, partitions);
        }
    }

    private final SparkSession spark;
    private final HadoopFileStore store;
    private final PrintStream log;
    private long started;

    public Preprocessing(SparkSession spark, HadoopFileStore store, PrintStream log) {
        this.spark = spark;
        this.store = store;
        this.log = log;
    }

    public PreprocessStats run(Settings settings, String output) throws IOException {
        if (store.exists(output)) throw new InvalidSettingException("--output " + output + " already exists: choose a new directory");
        started = System.nanoTime();
        int partitions = settings.partitions() > 0 ? settings.partitions() : spark.sparkContext().defaultParallelism();
        JobLabels.step(spark.sparkContext(), "read");
        JavaRDD<PreprocessItem> items = tokenize(CommentSources.sources(spark, settings.inputs(), settings.format(),
                settings.maxRecordBytes(), partitions), settings.maxRecordBytes()).persist(StorageLevel.MEMORY_AND_DISK_SER());
        JobLabels.step(spark.sparkContext(), "tokenize and count");
        VocabularyCounter counter = new VocabularyCounter(items);
        BadRecords tally = counter.tally();
        long read = tally.records();
        if (read == 0) throw new BadInputException("the input holds no records: " + String.join(" ", settings.inputs()));
        Map<RejectReason, Long> rejected = tally.byReason(RejectReason.class);
        if (settings.badRecords() != null) writeRejected(items, settings.badRecords());
        BadRecords.checkFraction(BadRecords.bad(rejected), read, settings.maxBadFraction(), "records are malformed",
                "--max-bad-fraction", null, "--bad-records");
        log.printf("preprocess: %,d records read and tokenized, %,d rejected (%s)%n", read, rejected.values().stream().mapToLong(Long::longValue).sum(),
                elapsed());

        JavaRDD<SentenceBlock> sentences = items.filter(i -> i.sentences() != null).map(PreprocessItem::sentences);
        ChunkPositions chunkPositions = ChunkPositions.of(counter.chunkSentences());
        if (!chunkPositions.isEmpty()) sentences = sentences.map(chunkPositions::apply);
        long count = counter.sentences();
        if (count == 0) throw new BadInputException("the input holds no sentence of at least 2 words");
        Vocabulary vocabulary = settings.vocabulary() != null ? settings.vocabulary() : counter.vocabulary(settings.vocabularySize());
        log.printf("preprocess: %,d sentences, %,d distinct tokens counted (%s)%n", count, counter.distinct(), elapsed());
        HeldoutSplit split = new HeldoutSplit(settings.heldoutFraction(), settings.seed());
        JobLabels.step(spark.sparkContext(), "write dataset");
        DatasetWriter.writeIds(spark, sentences, split, false, vocabulary, FileStore.join(output, "sentences"));
        long heldout = 0;
        if (settings.heldoutFraction() > 0) {
            JobLabels.step(spark.sparkContext(), "write held-out");
            heldout = DatasetWriter.count(sentences, split, true);
            DatasetWriter.writeIds(spark, sentences, split, true, vocabulary, FileStore.join(output, "heldout"));
        }
        if (settings.writeText()) {
            JobLabels.step(spark.sparkContext(), "write text");
            DatasetWriter.writeText(sentences, split, FileStore.join(output, "text"));
        }
        log.printf("preprocess: dataset written (%s)%n", elapsed());
        PreprocessStats stats = new PreprocessStats(read, rejected, count - heldout, heldout, counter.tokens(),
                counter.distinct(), vocabulary);
        writeSmallFiles(output, vocabulary, stats);
        counter.release();
        items.unpersist();
        return stats;
    }

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
    }

    private void writeRejected(JavaRDD<PreprocessItem> items, String dir) {
        JobLabels.step(spark.sparkContext(), "write bad records");
        BadRecords.write(items.filter(i -> i.rejected() != null).map(PreprocessItem::rejected), dir);
        log.println("preprocess: rejected records in " + dir);
    }

    /**
     * Sentences and tokens after which a partition's block of sentences is full (whichever comes first). Each
     * block's distinct words are counted and looked up in the vocabulary once: larger blocks repeat fewer.
     */
    static final int BLOCK_SENTENCES = 131_072;
    static final int BLOCK_TOKENS = 2_097_152;

    /**
     * One pass over the records: the sentences of accepted comments in dump order (the tutorial's
     * short-sentence filter applied) in blocks, the rejected records, and each partition's tally last.
     * Partitions read in place number their sentences from their input partition's index; chunks
     * of streamed files from their provisional start (see {@link RecordChunk}), each chunk's
     * sentence count following its tally.
     */
    static JavaRDD<PreprocessItem> tokenize(CommentSources.Sources sources, long maxRecordBytes) {
        List<JavaRDD<PreprocessItem>> parts = new ArrayList<>();
        for (CommentSources.InPlace in : sources.inPlace()) {
            int first = in.firstPartition();
            parts.add(in.records().mapPartitionsWithIndex((partition, it) -> itemsOf(first + partition, 0, it), true));
        }
        if (sources.chunks() != null) parts.add(sources.chunks().mapPartitions(chunks -> chunkItems(chunks, maxRecordBytes)));
        JavaRDD<PreprocessItem> all = parts.isEmpty() ? sources.context().emptyRDD() : parts.get(0);
        for (JavaRDD<PreprocessItem> p : parts.subList(Math.min(1, parts.size()), parts.size())) all = all.union(p);
        return all;
    }

    private static Iterator<PreprocessItem> chunkItems(Iterator<RecordChunk> chunks, long maxRecordBytes) {
        return new Iterator<>() {
            private RecordChunk chunk;
            private Iterator<PreprocessItem> items = Collections.emptyIterator();
            private long sentences;

            @Override
            public boolean hasNext() {
                while (!items.hasNext()) {
                    if (chunk != null) {
                        if (sentences > chunk.size()) throw new IllegalStateException("a chunk gave more sentences than it has room for");
                        items = List.of(PreprocessItem.ofChunk(chunk, sentences)).iterator();
                        chunk = null;
                    } else if (chunks.hasNext()) {
                        chunk = chunks.next();
                        sentences = 0;
                        items = itemsOf(chunk.partition(), chunk.start(), chunk.records(maxRecordBytes));
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public PreprocessItem next() {
                PreprocessItem item = items.next();
                if (chunk != null && item.sentences() != null) sentences += item.sentences().size();
                return item;
            }
        };
    }

    private static Iterator<PreprocessItem> itemsOf(int partition, long firstIndex, Iterator<RawComment> records) {
        CommentTokenizer tokenizer = new CommentTokenizer();
        BadRecords tally = BadRecords.of(RejectReason.class);
        SentenceBlock.Builder block = new SentenceBlock.Builder(partition, firstIndex, BLOCK_SENTENCES, BLOCK_TOKENS);
        BlockSink sink = new BlockSink(block);
        return new Iterator<>() {
            private PreprocessItem next;
            private boolean tallied;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (records.hasNext()) {
                        RawComment r = records.next();
                        tally.read(r.reason());
                        if (r.isRejected()) {
                            next = PreprocessItem.of(r);
                            continue;
                        }
                        sink.full = false;
                        tokenizer.sentences(r.body(), sink);
                        if (sink.full) next = PreprocessItem.of(block.take());
                    } else if (!block.isEmpty()) {
                        next = PreprocessItem.of(block.take());
                    } else if (!tallied) {
                        tallied = true;
                        next = PreprocessItem.of(tally);
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public PreprocessItem next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                PreprocessItem item = next;
                next = null;
                return item;
            }
        };
    }

    /** A comment's sentences into the partition's block, noting whether one filled it. */
    private static final class BlockSink implements Consumer<String> {
        private final SentenceBlock.Builder block;
        boolean full;

        BlockSink(SentenceBlock.Builder block) {
            this.block = block;
        }

        @Override
        public void accept(String spacedSentence) {
            full |= block.addSpaced(spacedSentence);
        }
    }

    private void writeSmallFiles(String output, Vocabulary vocabulary, PreprocessStats stats) throws IOException {
        try (OutputStream out = store.create(FileStore.join(output, "vocab.tsv"))) {
            vocabulary.write(out);
        }
        try (OutputStream out = store.create(FileStore.join(output, "stats.json"))) {
            stats.write(out);
        }
    }
}
