package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;

class SentenceSamplerTest {
    private static final int WORDS = 20;
    private static final int HIDDEN = 8;

    /** START first, END second, w2..w18, UNKNOWN_TOKEN last: 20 words. */
    private static Vocabulary vocabulary() {
        List<String> words = new ArrayList<>(List.of(Vocabulary.SENTENCE_START, Vocabulary.SENTENCE_END));
        for (int i = 2; i < WORDS - 1; i++) words.add("w" + i);
        return Vocabulary.ofWords(words);
    }

    private static RnnLanguageModel model(long seed) {
        return RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, seed);
    }

    /**
     * The same random model with U and V scaled up, so that o_t is far from uniform and a sampler
     * reading the wrong entries (a transposed U, W or V) draws from a visibly different distribution.
     */
    private static RnnLanguageModel sharpened(Dtype dtype, long seed) {
        Parameters p = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, dtype, seed).parameters();
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(RnnLanguageModel.U, p.get(RnnLanguageModel.U).mul(6));
        arrays.put(RnnLanguageModel.W, p.get(RnnLanguageModel.W).mul(4));
        arrays.put(RnnLanguageModel.V, p.get(RnnLanguageModel.V).mul(5));
        return RnnLanguageModel.of(new Parameters(dtype, arrays), 4);
    }

    // ---- an independent reference: plain doubles, logical indices

    private static double[][] matrix(INDArray a) {
        double[][] m = new double[(int) a.size(0)][(int) a.size(1)];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[0].length; j++) m[i][j] = a.getDouble(i, j);
        return m;
    }

    /** s' = tanh(U[:, x] + W s). */
    private static double[] step(RnnLanguageModel model, double[] s, int x) {
        double[][] u = matrix(model.parameters().get(RnnLanguageModel.U));
        double[][] w = matrix(model.parameters().get(RnnLanguageModel.W));
        double[] next = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double z = u[i][x];
            for (int j = 0; j < s.length; j++) z += w[i][j] * s[j];
            next[i] = Math.tanh(z);
        }
        return next;
    }

    /** softmax(V s) without UNKNOWN_TOKEN and SENTENCE_START, renormalised. */
    private static double[] allowedDistribution(RnnLanguageModel model, Vocabulary vocabulary, double[] s) {
        double[][] v = matrix(model.parameters().get(RnnLanguageModel.V));
        double[] p = new double[v.length];
        double total = 0;
        for (int c = 0; c < v.length; c++) {
            double o = 0;
            for (int j = 0; j < s.length; j++) o += v[c][j] * s[j];
            p[c] = Math.exp(o);
        }
        p[vocabulary.unknownId()] = 0;
        p[vocabulary.startId()] = 0;
        for (double x : p) total += x;
        for (int c = 0; c < p.length; c++) p[c] /= total;
        return p;
    }

    /** Pearson's statistic over the cells with non-zero expectation; a drawn zero-probability cell fails outright. */
    private static double chiSquare(long[] observed, double[] probabilities, long draws) {
        double chi = 0;
        for (int c = 0; c < observed.length; c++) {
            if (probabilities[c] == 0) {
                assertEquals(0, observed[c], "cell " + c + " has probability 0 but was drawn");
                continue;
            }
            double expected = probabilities[c] * draws;
            chi += (observed[c] - expected) * (observed[c] - expected) / expected;
        }
        return chi;
    }

    /** The chi-square quantile for a one-in-a-million false alarm (Wilson-Hilferty, z = 4.75). */
    private static double criticalValue(int degreesOfFreedom) {
        double d = degreesOfFreedom;
        double a = 2 / (9 * d);
        return d * Math.pow(1 - a + 4.75 * Math.sqrt(a), 3);
    }

    private static int firstWordId(Vocabulary vocabulary, List<String> sentence) {
        return sentence.isEmpty() ? vocabulary.endId() : vocabulary.id(sentence.get(0));
    }

    // ---- tests

    @Test
    void samplesNeverContainUnknownTokenOrSentenceMarkers() {
        Vocabulary vocabulary = vocabulary();
        SentenceSampler sampler = new SentenceSampler(model(3), vocabulary, 7);
        int words = 0;
        for (int i = 0; i < 200; i++) {
            List<String> sentence = sampler.sample(30);
            words += sentence.size();
            assertFalse(sentence.contains(Vocabulary.UNKNOWN_TOKEN), sentence.toString());
            assertFalse(sentence.contains(Vocabulary.SENTENCE_START), sentence.toString());
            assertFalse(sentence.contains(Vocabulary.SENTENCE_END), sentence.toString());
            for (String w : sentence) assertTrue(vocabulary.contains(w), w);
        }
        assertTrue(words > 200, "a near-uniform model over 18 words emits about 17 words per END: got " + words + " in 200 sentences");
    }

    /**
     * The random model with V's rows for UNKNOWN_TOKEN and SENTENCE_START set so that, after
     * SENTENCE_START, their logits are {@code logit} while the others stay near 0.
     */
    private static RnnLanguageModel favouringForbiddenWords(Vocabulary vocabulary, double logit) {
        Parameters p = model(4).parameters();
        double[] s0 = step(model(4), new double[HIDDEN], vocabulary.startId());
        double norm = 0;
        for (double x : s0) norm += x * x;
        float[] row = new float[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) row[j] = (float) (s0[j] * logit / norm);
        INDArray v = p.get(RnnLanguageModel.V).dup('c');
        v.putRow(vocabulary.unknownId(), org.nd4j.linalg.factory.Nd4j.create(row));
        v.putRow(vocabulary.startId(), org.nd4j.linalg.factory.Nd4j.create(row));
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(RnnLanguageModel.U, p.get(RnnLanguageModel.U));
        arrays.put(RnnLanguageModel.W, p.get(RnnLanguageModel.W));
        arrays.put(RnnLanguageModel.V, v);
        return RnnLanguageModel.of(new Parameters(Dtype.FLOAT, arrays), 4);
    }

    @Test
    void forbiddenWordsAreNeverDrawnEvenWhenTheModelFavoursThem() {
        Vocabulary vocabulary = vocabulary();
        RnnLanguageModel favouring = favouringForbiddenWords(vocabulary, 8);
        double[] o = new double[WORDS];
        double[] s0 = step(favouring, new double[HIDDEN], vocabulary.startId());
        double[][] v = matrix(favouring.parameters().get(RnnLanguageModel.V));
        for (int c = 0; c < WORDS; c++) for (int j = 0; j < HIDDEN; j++) o[c] += v[c][j] * s0[j];
        assertTrue(o[vocabulary.unknownId()] > 7.9 && o[vocabulary.startId()] > 7.9, "the set-up favours the forbidden words");

        SentenceSampler sampler = new SentenceSampler(favouring, vocabulary, 11);
        for (int i = 0; i < 500; i++) {
            List<String> sentence = sampler.sample(1);
            assertFalse(sentence.contains(Vocabulary.UNKNOWN_TOKEN), sentence.toString());
            assertFalse(sentence.contains(Vocabulary.SENTENCE_START), sentence.toString());
        }
    }

    @Test
    void allowedWordsAreStillDrawnWhenForbiddenOnesTakeAllTheMass() {
        // exp(o - max) with max taken over UNKNOWN_TOKEN too underflows to 0 for every allowed word;
        // the renormalised rest of softmax(V s) is still a proper distribution to draw from.
        Vocabulary vocabulary = vocabulary();
        SentenceSampler sampler = new SentenceSampler(favouringForbiddenWords(vocabulary, 1000), vocabulary, 11);
        for (int i = 0; i < 20; i++) {
            List<String> sentence = sampler.sample(1);
            assertFalse(sentence.contains(Vocabulary.UNKNOWN_TOKEN), sentence.toString());
            assertFalse(sentence.contains(Vocabulary.SENTENCE_START), sentence.toString());
        }
    }

    @Test
    void sameSeedGivesTheSameSentences() {
        RnnLanguageModel model = model(3);
        SentenceSampler a = new SentenceSampler(model, vocabulary(), 99);
        SentenceSampler b = new SentenceSampler(model, vocabulary(), 99);
        for (int i = 0; i < 50; i++) assertEquals(a.sample(25), b.sample(25), "sentence " + i);
    }

    @Test
    void differentSeedsGiveDifferentSentences() {
        RnnLanguageModel model = model(3);
        SentenceSampler a = new SentenceSampler(model, vocabulary(), 1);
        SentenceSampler b = new SentenceSampler(model, vocabulary(), 2);
        List<List<String>> fromA = new ArrayList<>();
        List<List<String>> fromB = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fromA.add(a.sample(25));
            fromB.add(b.sample(25));
        }
        assertNotEquals(fromA, fromB);
    }

    @Test
    void sentencesRespectTheMaximumLength() {
        SentenceSampler sampler = new SentenceSampler(model(3), vocabulary(), 5);
        int atMaximum = 0;
        for (int i = 0; i < 200; i++) {
            List<String> sentence = sampler.sample(4);
            assertTrue(sentence.size() <= 4, sentence.toString());
            if (sentence.size() == 4) atMaximum++;
        }
        assertTrue(atMaximum > 0, "with END about 1 in 18, most sentences reach the limit");
    }

    @Test
    void theOutputBiasIsAddedToTheLogits() {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 3, null, true);
        model.parameters().get(RnnLanguageModel.B).putScalar(7, 40.0);
        SentenceSampler sampler = new SentenceSampler(model, vocabulary(), 5);
        assertEquals(List.of("w7", "w7", "w7"), sampler.sample(3), "a bias of 40 on w7 outweighs every V s_t");
    }

    @Test
    void maximumLengthZeroGivesAnEmptySentence() {
        SentenceSampler sampler = new SentenceSampler(model(3), vocabulary(), 5);
        assertEquals(List.of(), sampler.sample(0));
    }

    @Test
    void vocabularyOfTheWrongSizeIsRejected() {
        Vocabulary small = Vocabulary.ofWords(List.of(Vocabulary.SENTENCE_START, Vocabulary.SENTENCE_END, "a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SentenceSampler(model(3), small, 1));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("20"), e.getMessage());
    }

    @Test
    void firstWordFollowsSoftmaxOfVTimesTheFirstState() {
        firstWordFollowsTheModel(model(3), 20_000);
    }

    @Test
    void firstWordFollowsTheModelWhenItsDistributionIsFarFromUniform() {
        firstWordFollowsTheModel(sharpened(Dtype.FLOAT, 8), 20_000);
    }

    @Test
    void firstWordFollowsTheModelInDoublePrecision() {
        firstWordFollowsTheModel(sharpened(Dtype.DOUBLE, 8), 20_000);
    }

    private static void firstWordFollowsTheModel(RnnLanguageModel model, int draws) {
        Vocabulary vocabulary = vocabulary();
        double[] s0 = step(model, new double[HIDDEN], vocabulary.startId()); // s_{-1} = 0
        double[] expected = allowedDistribution(model, vocabulary, s0);

        SentenceSampler sampler = new SentenceSampler(model, vocabulary, 2024);
        long[] observed = new long[WORDS];
        for (int i = 0; i < draws; i++) observed[firstWordId(vocabulary, sampler.sample(1))]++;

        double chi = chiSquare(observed, expected, draws);
        int df = WORDS - 2 - 1; // 18 allowed words
        assertTrue(chi < criticalValue(df), "chi-square " + chi + " over " + df + " degrees of freedom (bound "
                + criticalValue(df) + "); observed " + java.util.Arrays.toString(observed));
    }

    @Test
    void secondWordFollowsTheRecurrenceThroughW() {
        // The joint law of the first two draws: P(w1) P(w2 | w1), where w2 depends on s_1 = tanh(U[:, w1] + W s_0).
        RnnLanguageModel model = sharpened(Dtype.FLOAT, 21);
        Vocabulary vocabulary = vocabulary();
        int end = vocabulary.endId();
        double[] s0 = step(model, new double[HIDDEN], vocabulary.startId());
        double[] first = allowedDistribution(model, vocabulary, s0);
        double[] joint = new double[WORDS * WORDS]; // cell w1 * WORDS + w2; a sentence ending at once is cell end * WORDS + end
        for (int w1 = 0; w1 < WORDS; w1++) {
            if (first[w1] == 0) continue;
            if (w1 == end) {
                joint[end * WORDS + end] = first[w1];
                continue;
            }
            double[] second = allowedDistribution(model, vocabulary, step(model, s0, w1));
            for (int w2 = 0; w2 < WORDS; w2++) joint[w1 * WORDS + w2] = first[w1] * second[w2];
        }

        int draws = 60_000;
        SentenceSampler sampler = new SentenceSampler(model, vocabulary, 77);
        long[] observed = new long[WORDS * WORDS];
        for (int i = 0; i < draws; i++) {
            List<String> s = sampler.sample(2);
            int w1 = firstWordId(vocabulary, s);
            int w2 = s.size() < 2 ? end : vocabulary.id(s.get(1));
            observed[w1 * WORDS + w2]++;
        }

        // Cells expected fewer than 5 times are pooled into one, as the chi-square approximation needs.
        List<Double> pooledExpected = new ArrayList<>();
        List<Long> pooledObserved = new ArrayList<>();
        double restExpected = 0;
        long restObserved = 0;
        for (int c = 0; c < joint.length; c++) {
            if (joint[c] == 0) {
                assertEquals(0, observed[c], "cell " + (c / WORDS) + "," + (c % WORDS) + " has probability 0 but was drawn");
            } else if (joint[c] * draws < 5) {
                restExpected += joint[c] * draws;
                restObserved += observed[c];
            } else {
                pooledExpected.add(joint[c] * draws);
                pooledObserved.add(observed[c]);
            }
        }
        if (restExpected > 0) {
            pooledExpected.add(restExpected);
            pooledObserved.add(restObserved);
        }
        double chi = 0;
        for (int i = 0; i < pooledExpected.size(); i++) {
            double d = pooledObserved.get(i) - pooledExpected.get(i);
            chi += d * d / pooledExpected.get(i);
        }
        int df = pooledExpected.size() - 1;
        assertTrue(df > 100, "enough cells to test: " + df);
        assertTrue(chi < criticalValue(df), "chi-square " + chi + " over " + df + " degrees of freedom (bound " + criticalValue(df) + ")");
    }

    /** UNKNOWN_TOKEN shares class 0 with START and w2; the other words fill three more classes. */
    private static RnnLanguageModel classFactored(long seed) {
        int[] classOf = new int[WORDS];
        for (int w = 0; w < WORDS; w++) classOf[w] = w < 3 ? 0 : 1 + w % 3;
        classOf[WORDS - 1] = 0;
        return RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.DOUBLE, seed, WordClasses.of(classOf));
    }

    @Test
    void aClassFactoredModelDrawsAClassThenAWordNeverAForbiddenOne() {
        Vocabulary vocabulary = vocabulary();
        RnnLanguageModel model = classFactored(5);
        SentenceSampler sampler = new SentenceSampler(model, vocabulary, 3);
        for (int i = 0; i < 300; i++) {
            List<String> sentence = sampler.sample(20);
            assertFalse(sentence.contains(Vocabulary.UNKNOWN_TOKEN), sentence.toString());
            assertFalse(sentence.contains(Vocabulary.SENTENCE_START), sentence.toString());
        }
    }

    @Test
    void aClassFactoredModelsFirstWordsFollowItsRenormalisedDistribution() {
        Vocabulary vocabulary = vocabulary();
        RnnLanguageModel model = classFactored(6);
        double[] s0 = step(model, new double[HIDDEN], vocabulary.startId());
        double[] p = new double[WORDS];
        new ClassDistribution(model).probabilities(s0, p);
        p[vocabulary.unknownId()] = 0;
        p[vocabulary.startId()] = 0;
        double total = 0;
        for (double q : p) total += q;
        for (int w = 0; w < WORDS; w++) p[w] /= total;
        SentenceSampler sampler = new SentenceSampler(model, vocabulary, 21);
        long[] observed = new long[WORDS];
        int draws = 20000;
        for (int i = 0; i < draws; i++) observed[firstWordId(vocabulary, sampler.sample(1))]++;
        assertTrue(chiSquare(observed, p, draws) < criticalValue(WORDS - 3), "first words do not follow the model");
    }
}
