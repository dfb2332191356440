package org.sparkrnnlm.jobs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.CommentTokenizer;
import org.sparkrnnlm.core.text.TextSentences;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.ExampleScorer;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.preprocess.Preprocessing;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;

/**
 * score against the core's single-machine evaluation of the same sentences: per sentence of text and
 * of a dataset, per comment of a dump (the sum over its sentences), for both output layers.
 */
class ScoreWorkflowTest extends LocalSparkTest {
    private static final List<String> LINES = List.of(
            "the cat sat on the mat .", "a dog ran to the river , and then slept .", "", "she painted the small garden .",
            "he found it .", "the old man looked at a red house .", "my neighbour ran to the mat .", "zebra quartz jumps .");
    @TempDir
    static Path dir;
    static Vocabulary vocabulary;
    static String fullModel;
    static String classModel;
    static Path text;

    @BeforeAll
    static void writeModels() throws Exception {
        List<List<String>> tokens = new ArrayList<>();
        for (String line : LINES) if (!line.isBlank()) tokens.add(TextSentences.tokens(line));
        vocabulary = Vocabulary.fromCounts(TextSentences.count(tokens), 24);
        text = Files.write(dir.resolve("sentences.txt"), LINES);
        RnnLanguageModel full = RnnLanguageModel.initialize(vocabulary.size(), 6, 4, Dtype.FLOAT, 5);
        fullModel = save("full", full);
        long[] counts = new long[vocabulary.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = vocabulary.count(i);
        RnnLanguageModel classes = RnnLanguageModel.initialize(vocabulary.size(), 6, 4, Dtype.DOUBLE, 6, WordClasses.byFrequency(counts, 4));
        classModel = save("class", classes);
    }

    private static String save(String name, RnnLanguageModel model) throws Exception {
        String path = dir.resolve(name).toString();
        LanguageModelFiles.save(new LocalFileStore(), path, model, vocabulary, LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));
        return path;
    }

    private static ScoreWorkflow.Summary score(String model, String output, String... data) throws Exception {
        return score(new ScoreSettings(model, List.of(data), false, output, 2, null, null, null, null));
    }

    private static ScoreWorkflow.Summary score(ScoreSettings settings) throws Exception {
        HadoopFileStore store = new HadoopFileStore(spark.sparkContext().hadoopConfiguration());
        return new ScoreWorkflow(spark, store, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(settings);
    }

    /** The rows of a score output by position. */
    private static Map<Long, Row> rows(String output) {
        Map<Long, Row> out = new TreeMap<>();
        for (Row r : spark.read().parquet(output).collectAsList()) out.put(r.getLong(r.fieldIndex("position")), r);
        return out;
    }

    /** The core's log-probability of a sentence in nats, computed here on one machine. */
    private static double coreLogProb(String model, int[] ids) throws Exception {
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(new LocalFileStore(), model);
        return -new ExampleScorer<>(loaded.model().spec()).score(List.<int[]>of(ids), loaded.model().parameters()).perTargetLoss()
                * (ids.length - 1);
    }

    private static void assertScores(String model, int[] ids, Row row) throws Exception {
        double expected = coreLogProb(model, ids);
        assertEquals(expected, row.getDouble(row.fieldIndex("log_prob")), 1e-9 * Math.max(1, Math.abs(expected)));
        assertEquals(ids.length - 1, row.getInt(row.fieldIndex("tokens")), "predicted tokens: every word and SENTENCE_END");
        assertEquals(Math.exp(-expected / (ids.length - 1)), row.getDouble(row.fieldIndex("perplexity")), 1e-9 * Math.exp(-expected / (ids.length - 1)));
    }

    @Test
    void eachLineOfATextGetsTheCoresLogProbabilityAtItsLineNumber() throws Exception {
        String out = dir.resolve("text-full").toString();
        score(fullModel, out, text.toString());
        Map<Long, Row> rows = rows(out);
        assertEquals(LINES.size() - 1, rows.size(), "the blank line is skipped");
        for (int line = 0; line < LINES.size(); line++) {
            if (LINES.get(line).isBlank()) continue;
            assertScores(fullModel, vocabulary.encode(TextSentences.tokens(LINES.get(line))), rows.get((long) line));
        }
    }

    @Test
    void classFactoredModelsScoreAsTheCoreDoes() throws Exception {
        String out = dir.resolve("text-class").toString();
        score(classModel, out, text.toString());
        Map<Long, Row> rows = rows(out);
        for (int line = 0; line < LINES.size(); line++) {
            if (LINES.get(line).isBlank()) continue;
            assertScores(classModel, vocabulary.encode(TextSentences.tokens(LINES.get(line))), rows.get((long) line));
        }
    }

    /** The tutorial's forward pass written out in doubles, independent of the engine. */
    @Test
    void fullSoftmaxScoresEqualTheTutorialsForwardPass() throws Exception {
        String out = dir.resolve("text-tutorial").toString();
        score(fullModel, out, text.toString());
        Map<Long, Row> rows = rows(out);
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(new LocalFileStore(), fullModel);
        INDArray u = loaded.model().parameters().get("U");
        INDArray w = loaded.model().parameters().get("W");
        INDArray v = loaded.model().parameters().get("V");
        int h = (int) w.size(0);
        int c = (int) v.size(0);
        int[] ids = vocabulary.encode(TextSentences.tokens(LINES.get(1)));
        double[] s = new double[h];
        double logProb = 0;
        for (int t = 0; t + 1 < ids.length; t++) {
            double[] next = new double[h];
            for (int i = 0; i < h; i++) {
                double a = u.getDouble(i, ids[t]);
                for (int j = 0; j < h; j++) a += w.getDouble(i, j) * s[j];
                next[i] = Math.tanh(a);
            }
            s = next;
            double[] o = new double[c];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < h; j++) o[k] += v.getDouble(k, j) * s[j];
                max = Math.max(max, o[k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) sum += Math.exp(o[k] - max);
            logProb += o[ids[t + 1]] - max - Math.log(sum);
        }
        assertEquals(logProb, rows.get(1L).getDouble(1), 1e-4, "float32 engine against the double-precision transcription");
    }

    @Test
    void aDatasetKeepsItsPositionsAndScoresAsTheCoreDoes() throws Exception {
        Path dump = Files.writeString(dir.resolve("for-dataset.json"), String.join("\n",
                "{\"body\": \"The cat sat on the mat. A dog ran to the river!\"}",
                "{\"body\": \"She painted the small garden.\"}",
                "{\"body\": \"He found it. The old man looked at a red house.\"}") + "\n");
        String dataset = dir.resolve("dataset").toString();
        new Preprocessing(spark, new HadoopFileStore(spark.sparkContext().hadoopConfiguration()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(new Preprocessing.Settings(List.of(dump.toString()), "auto", 24, vocabulary, 0, 10, null, 0.05, 1_000_000, false, 2),
                        dataset);
        String out = dir.resolve("dataset-scores").toString();
        score(fullModel, out, dataset);
        Map<Long, Row> rows = rows(out);
        List<Row> sentences = spark.read().parquet(dataset + "/sentences").collectAsList();
        assertEquals(sentences.size(), rows.size());
        assertEquals(5, sentences.size());
        for (Row sentence : sentences) {
            List<Integer> list = sentence.getList(sentence.fieldIndex("ids"));
            assertScores(fullModel, list.stream().mapToInt(Integer::intValue).toArray(), rows.get(sentence.getLong(sentence.fieldIndex("position"))));
        }
    }

    private static ScoreSettings dumpSettings(String model, String output, String badRecords, Double maxBad, String... inputs) {
        return new ScoreSettings(model, List.of(inputs), true, output, 2, null, badRecords, maxBad, null);
    }

    /** Each comment's value summed over its sentences, as preprocess would split and tokenize them. */
    private static double[] expectedComment(String model, String body) throws Exception {
        double logProb = 0;
        int tokens = 0;
        for (List<String> sentence : new CommentTokenizer().sentences(body)) {
            if (!CommentTokenizer.longEnough(sentence)) continue;
            int[] ids = vocabulary.encode(sentence);
            logProb += coreLogProb(model, ids);
            tokens += ids.length - 1;
        }
        return new double[] {logProb, tokens};
    }

    @Test
    void aCommentScoresTheSumOfItsSentencesWithItsMetadataInDumpOrder() throws Exception {
        List<String> bodies = List.of("The cat sat on the mat. A dog ran to the river!", "She painted the small garden.",
                "He found it. The old man looked at a red house. Zebra quartz jumps.");
        Path dump = Files.writeString(dir.resolve("comments.json"), String.join("\n",
                "{\"id\": \"c1\", \"author\": \"ann\", \"subreddit\": \"cats\", \"created_utc\": 1438387200, \"body\": \"" + bodies.get(0) + "\"}",
                "{\"body\": \"" + bodies.get(1) + "\", \"id\": \"c2\", \"created_utc\": \"1438387201\", \"score\": 4}",
                "{\"id\": \"c3\", \"author\": \"bo\", \"subreddit\": \"dogs\", \"body\": \"" + bodies.get(2) + "\"}") + "\n");
        String out = dir.resolve("dump-scores").toString();
        ScoreWorkflow.Summary summary = score(dumpSettings(classModel, out, null, null, dump.toString()));
        List<Row> rows = new ArrayList<>(rows(out).values());
        assertEquals(3, rows.size());
        assertEquals(3, summary.rows());
        for (int i = 0; i < 3; i++) {
            double[] expected = expectedComment(classModel, bodies.get(i));
            Row row = rows.get(i);
            assertEquals(expected[0], row.getDouble(row.fieldIndex("log_prob")), 1e-9 * Math.abs(expected[0]));
            assertEquals((int) expected[1], row.getInt(row.fieldIndex("tokens")));
            assertEquals(Math.exp(-expected[0] / expected[1]), row.getDouble(row.fieldIndex("perplexity")), 1e-6);
        }
        assertEquals(List.of("c1", "c2", "c3"), rows.stream().map(r -> r.getString(r.fieldIndex("id"))).toList(), "sorted by position: dump order");
        Row first = rows.get(0);
        assertEquals(RowFactory.create("c1", "ann", "cats", 1438387200L),
                RowFactory.create(first.get(4), first.get(5), first.get(6), first.get(7)));
        Row second = rows.get(1);
        assertNull(second.get(second.fieldIndex("author")), "a field the record lacks is null");
        assertEquals(1438387201L, second.getLong(second.fieldIndex("created_utc")), "created_utc given as a string");
    }

    @Test
    void aCsvDumpGivesItsMetadataColumns() throws Exception {
        Path csv = Files.writeString(dir.resolve("comments.csv"), "id,body,author,subreddit,created_utc\n"
                + "x1,\"The cat sat on the mat.\nA dog ran to the river!\",ann,cats,1438387200\n"
                + "x2,She painted the small garden.,bo,art,\n");
        String out = dir.resolve("csv-scores").toString();
        score(dumpSettings(fullModel, out, null, null, csv.toString()));
        List<Row> rows = new ArrayList<>(rows(out).values());
        assertEquals(List.of("x1", "x2"), rows.stream().map(r -> r.getString(r.fieldIndex("id"))).toList());
        assertEquals(List.of("ann", "bo"), rows.stream().map(r -> r.getString(r.fieldIndex("author"))).toList());
        assertEquals(List.of("cats", "art"), rows.stream().map(r -> r.getString(r.fieldIndex("subreddit"))).toList());
        assertEquals(1438387200L, rows.get(0).getLong(rows.get(0).fieldIndex("created_utc")));
        assertTrue(rows.get(1).isNullAt(rows.get(1).fieldIndex("created_utc")));
        double[] expected = expectedComment(fullModel, "The cat sat on the mat.\nA dog ran to the river!");
        assertEquals(expected[0], rows.get(0).getDouble(rows.get(0).fieldIndex("log_prob")), 1e-9 * Math.abs(expected[0]));
    }

    @Test
    void aCommentWithoutASentenceOfTwoWordsHasNoTokensAndNoPerplexity() throws Exception {
        Path dump = Files.writeString(dir.resolve("short.json"), "{\"id\": \"s\", \"body\": \"Thanks\"}\n");
        String out = dir.resolve("short-scores").toString();
        score(dumpSettings(fullModel, out, null, null, dump.toString()));
        Row row = rows(out).values().iterator().next();
        assertEquals(0, row.getInt(row.fieldIndex("tokens")));
        assertEquals(0.0, row.getDouble(row.fieldIndex("log_prob")));
        assertTrue(row.isNullAt(row.fieldIndex("perplexity")));
    }

    @Test
    void rejectedRecordsAreCountedAndWrittenAsPreprocessDoes() throws Exception {
        Path dump = Files.writeString(dir.resolve("mixed.json"), String.join("\n",
                "{\"id\": \"a\", \"body\": \"The cat sat on the mat.\"}", "{not json", "{\"id\": \"d\", \"body\": \"[deleted]\"}",
                "{\"id\": \"b\", \"body\": \"He found it, and then slept.\"}") + "\n");
        String bad = dir.resolve("mixed-bad").toString();
        String out = dir.resolve("mixed-scores").toString();
        score(dumpSettings(fullModel, out, bad, 0.5, dump.toString()));
        assertEquals(List.of("a", "b"), rows(out).values().stream().map(r -> r.getString(r.fieldIndex("id"))).toList());
        List<String> rejected = new ArrayList<>();
        try (var parts = Files.list(Path.of(bad))) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) rejected.addAll(Files.readAllLines(p));
        }
        assertEquals(2, rejected.size(), rejected.toString());
        assertTrue(rejected.stream().anyMatch(l -> l.contains("\"reason\":\"malformed_json\"")), rejected.toString());
        assertTrue(rejected.stream().anyMatch(l -> l.contains("\"reason\":\"deleted\"")), rejected.toString());
    }

    @Test
    void tooManyMalformedRecordsFailWithPreprocesssMessage() throws Exception {
        Path dump = Files.writeString(dir.resolve("broken.json"), "{\"body\": \"The cat sat on the mat.\"}\n{not json\n");
        String out = dir.resolve("broken-scores").toString();
        BadInputException e = assertThrows(BadInputException.class, () -> score(dumpSettings(fullModel, out, null, null, dump.toString())));
        assertEquals("1 of 2 records are malformed (50.00%), over --max-bad-fraction 0.05: see --bad-records", e.getMessage());
        assertTrue(!Files.exists(Path.of(out)), "nothing written");
    }

    @Test
    void aSentenceTableOfAnotherVocabularyFailsInTheTaskAsBadInput() throws Exception {
        String table = dir.resolve("foreign-table").toString();
        spark.createDataFrame(List.of(RowFactory.create(0L, List.of(0, 3, 1)), RowFactory.create(1L, List.of(0, 500, 1))),
                new org.apache.spark.sql.types.StructType().add("position", "long").add("ids", "array<int>")).write().parquet(table);
        Exception e = assertThrows(Exception.class, () -> score(fullModel, dir.resolve("foreign-scores").toString(), table));
        Throwable t = e;
        while (t != null && !(t instanceof BadInputException)) t = t.getCause();
        assertTrue(t != null && t.getMessage().contains("word id 500"), "the task's BadInputException is the cause: " + e);
    }

    @Test
    void dumpOptionsWithoutDumpAreUsageErrors() {
        assertThrows(InvalidSettingException.class, () -> new ScoreSettings("m", List.of("d"), false, "o", null, "json", null, null, null));
        assertThrows(InvalidSettingException.class, () -> new ScoreSettings("m", List.of("d"), false, "o", null, null, "bad", null, null));
        assertThrows(InvalidSettingException.class, () -> new ScoreSettings("m", List.of("d", "e"), false, "o", null, null, null, null, null));
        assertThrows(InvalidSettingException.class, () -> new ScoreSettings("m", List.of("d"), true, "o", null, "xml", null, null, null));
    }

    @Test
    void anExistingOutputIsAUsageError() throws Exception {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        assertThrows(InvalidSettingException.class, () -> score(fullModel, taken.toString(), text.toString()));
    }
}
