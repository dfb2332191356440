package org.sparkrnnlm.jobs.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Parameters;

/** Generated sentences from a toy grammar, as token arrays, DataFrames and text files; and the tutorial's forward pass. */
final class MlFixtures {
    private static final String[] SUBJECTS = {"the cat", "a dog", "my neighbour", "the old man", "she", "he"};
    private static final String[] VERBS = {"sat on", "looked at", "ran to", "painted", "found"};
    private static final String[] OBJECTS = {"the mat", "a red house", "the small garden", "the river", "it"};

    private MlFixtures() {
    }

    static List<List<String>> sentences(int count, long seed) {
        Random r = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String s = SUBJECTS[r.nextInt(SUBJECTS.length)] + " " + VERBS[r.nextInt(VERBS.length)] + " "
                    + OBJECTS[r.nextInt(OBJECTS.length)] + (r.nextBoolean() ? " ." : " , and then slept .");
            out.add(Arrays.asList(s.split(" ")));
        }
        return out;
    }

    /** One sentence per row in column "sentences", in the list's order. */
    static Dataset<Row> oneSentencePerRow(SparkSession spark, List<List<String>> sentences) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("sentences", SentenceColumn.ONE_SENTENCE);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) rows.add(RowFactory.create(i, sentences.get(i).toArray(new String[0])));
        return spark.createDataFrame(rows, schema);
    }

    /** The same sentences as train's text input: one per line, tokens separated by spaces. */
    static Path text(Path dir, String name, List<List<String>> sentences) throws IOException {
        List<String> lines = new ArrayList<>();
        for (List<String> s : sentences) lines.add(String.join(" ", s));
        return Files.write(dir.resolve(name), lines);
    }

    /**
     * log P(sentence) in double precision, transcribed from the tutorial's equations rather than the
     * engine: s_t = tanh(U[:, x_t] + W s_{t-1}), o_t = softmax(V s_t), summing log o_t[x_{t+1}].
     */
    static double tutorialLogProb(Parameters p, int[] ids) {
        INDArray u = p.get(RnnLanguageModel.U);
        INDArray w = p.get(RnnLanguageModel.W);
        INDArray v = p.get(RnnLanguageModel.V);
        int hidden = (int) u.rows();
        int words = (int) v.rows();
        double[] s = new double[hidden];
        double logProb = 0;
        for (int t = 0; t + 1 < ids.length; t++) {
            double[] next = new double[hidden];
            for (int h = 0; h < hidden; h++) {
                double a = u.getDouble(h, ids[t]);
                for (int k = 0; k < hidden; k++) a += w.getDouble(h, k) * s[k];
                next[h] = Math.tanh(a);
            }
            s = next;
            double[] o = new double[words];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < words; c++) {
                for (int h = 0; h < hidden; h++) o[c] += v.getDouble(c, h) * s[h];
                max = Math.max(max, o[c]);
            }
            double sum = 0;
            for (int c = 0; c < words; c++) sum += Math.exp(o[c] - max);
            logProb += o[ids[t + 1]] - max - Math.log(sum);
        }
        return logProb;
    }
}
