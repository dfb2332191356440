package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.TextSentences;
import org.sparkrnnlm.core.text.Vocabulary;

class ExampleSgdTest {
    private static final int WORDS = 30;
    private static final int HIDDEN = 16;
    private static final double LEARNING_RATE = 0.05;

    private static final String[] DETERMINERS = {"the", "a", "every"};
    private static final String[] ADJECTIVES = {"big", "small", "red", "old", "happy"};
    private static final String[] NOUNS = {"dog", "cat", "man", "woman", "bird", "car", "child"};
    private static final String[] VERBS = {"sees", "likes", "chases", "hears", "finds"};
    private static final String[] PREPOSITIONS = {"with", "near"};
    private static final String[] ADVERBS = {"today", "again", "quietly"};
    private static final String[] RARE = {"zebra", "xylophone"};
    private static final String[] ENDINGS = {".", "!"};

    /**
     * Brings the JIT to its steady state before any test trains. The float32 softmax's SIMD exp
     * (VectorOperators.EXP) rounds differently once C2 compiles it than in the interpreter, so two
     * runs straddling that moment differ in their last bits: the reproducibility tests here compare
     * runs made after it. A large vocabulary makes the softmax loops hot within a few sentences;
     * C = 4099 is not a multiple of the SIMD width, so the scalar tail runs too and compiled code
     * is not thrown away when it first does.
     */
    @BeforeAll
    static void warmUpTheJit() {
        Random r = new Random(1);
        List<int[]> sentences = new ArrayList<>();
        for (int i = 0; i < 40; i++) sentences.add(r.ints(30, 0, 4099).toArray());
        for (Dtype dtype : Dtype.values()) {
            RnnLanguageModel model = RnnLanguageModel.initialize(4099, 8, 4, dtype, 1);
            for (int pass = 0; pass < 3; pass++) {
                new ExampleScorer<>(model.spec()).score(sentences, model.parameters());
                new ExampleSgd<>(model.spec()).run(sentences.iterator(), Long.MAX_VALUE, model.parameters(), 0.001);
            }
        }
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    private static void nounPhrase(Random r, List<String> out) {
        out.add(pick(r, DETERMINERS));
        if (r.nextInt(3) == 0) out.add(pick(r, ADJECTIVES));
        out.add(pick(r, NOUNS));
    }

    /** ~60 sentences of a small grammar: DET [ADJ] NOUN VERB DET [ADJ] NOUN [PREP NP] [ADV] END. */
    private static List<List<String>> corpus(long seed) {
        Random r = new Random(seed);
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<String> s = new ArrayList<>();
            nounPhrase(r, s);
            s.add(pick(r, VERBS));
            nounPhrase(r, s);
            if (r.nextInt(4) == 0) {
                s.add(pick(r, PREPOSITIONS));
                nounPhrase(r, s);
            }
            if (r.nextInt(4) == 0) s.add(pick(r, ADVERBS));
            if (i % 20 == 7) s.add(pick(r, RARE));
            s.add(pick(r, ENDINGS));
            sentences.add(s);
        }
        return sentences;
    }

    private static Vocabulary vocabulary(List<List<String>> corpus) {
        return Vocabulary.fromCounts(TextSentences.count(corpus), WORDS);
    }

    private static List<int[]> encoded(List<List<String>> corpus, Vocabulary vocabulary) {
        List<int[]> ids = new ArrayList<>();
        for (List<String> s : corpus) ids.add(vocabulary.encode(s));
        return ids;
    }

    /** Trains with TrainingLoop + SequentialBackend; returns the final parameters and the loop's loss history. */
    private static Result train(Dtype dtype, long seed, int epochs) {
        List<List<String>> corpus = corpus(123);
        List<int[]> sentences = encoded(corpus, vocabulary(corpus));
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, dtype, seed);
        TrainingLoop loop = new TrainingLoop(epochs, 1, LEARNING_RATE);
        Parameters trained = loop.run(new SequentialBackend<>(model.spec(), sentences, null, null), model.parameters(), 0,
                new TrainingListener() { });
        return new Result(model, sentences, trained, loop.lossHistory());
    }

    private record Result(RnnLanguageModel model, List<int[]> sentences, Parameters trained, List<double[]> history) {
        double initialLoss() {
            return history.get(0)[1];
        }

        double finalLoss() {
            return history.get(history.size() - 1)[1];
        }
    }

    @Test
    void corpusFillsAThirtyWordVocabulary() {
        List<List<String>> corpus = corpus(123);
        Vocabulary vocabulary = vocabulary(corpus);
        assertEquals(WORDS, vocabulary.size());
        long unknown = encoded(corpus, vocabulary).stream()
                .flatMapToInt(java.util.Arrays::stream).filter(id -> id == vocabulary.unknownId()).count();
        assertTrue(unknown > 0, "some rare words map to UNKNOWN_TOKEN");
    }

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void tenEpochsOfSgdCutTheLossBelowEightyPercentOfTheStart(Dtype dtype) {
        Result r = train(dtype, 10, 10);

        assertEquals(11, r.history().size(), "evaluations before each of 10 epochs plus a final one");
        assertEquals(Math.log(WORDS), r.initialLoss(), 0.1, "a fresh model is close to uniform");
        assertTrue(r.finalLoss() < 0.8 * r.initialLoss(),
                "initial " + r.initialLoss() + ", final " + r.finalLoss());
        assertTrue(r.trained().allFinite());
    }

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void reportedFinalLossIsTheLossOfTheReturnedParameters(Dtype dtype) {
        Result r = train(dtype, 10, 3);

        LossTotals rescored = new ExampleScorer<>(r.model().spec()).score(r.sentences(), r.trained());
        assertEquals(rescored.loss(), r.finalLoss(), 0.0);
    }

    @Test
    void eachSgdStepLowersTheLossOfItsOwnSentence() {
        List<List<String>> corpus = corpus(123);
        List<int[]> sentences = encoded(corpus, vocabulary(corpus));
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.DOUBLE, 3);
        Parameters p = model.parameters().copy();
        ExampleSgd<int[]> sgd = new ExampleSgd<>(model.spec());
        ExampleScorer<int[]> scorer = new ExampleScorer<>(model.spec());
        for (int[] ids : sentences.subList(0, 10)) {
            double before = scorer.score(List.of(ids), p).loss();
            LossTotals seen = sgd.run(List.of(ids).iterator(), 1, p, 0.01);
            double after = scorer.score(List.of(ids), p).loss();
            assertEquals(before, seen.loss(), 1e-12, "run() returns the loss before the step");
            assertTrue(after < before, "before " + before + ", after " + after);
        }
    }

    @Test
    void runStopsAfterTheLimit() {
        List<List<String>> corpus = corpus(123);
        List<int[]> sentences = encoded(corpus, vocabulary(corpus));
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 3);
        java.util.Iterator<int[]> it = sentences.iterator();

        LossTotals seen = new ExampleSgd<>(model.spec()).run(it, 7, model.parameters().copy(), LEARNING_RATE);

        assertEquals(7, seen.examples());
        assertEquals(sentences.subList(0, 7).stream().mapToLong(s -> s.length - 1).sum(), seen.targets());
        assertTrue(it.hasNext());
        assertEquals(sentences.get(7), it.next(), "the iterator is left at the first sentence not used");
    }

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void sameSeedGivesBitIdenticalParameters(Dtype dtype) {
        Result a = train(dtype, 10, 3);
        Result b = train(dtype, 10, 3);

        assertTrue(a.trained().toVector().sameAs(b.trained().toVector()));
        assertEquals(a.finalLoss(), b.finalLoss(), 0.0);
    }

    @Test
    void differentSeedsGiveDifferentParameters() {
        Result a = train(Dtype.FLOAT, 10, 1);
        Result b = train(Dtype.FLOAT, 11, 1);

        assertFalse(a.trained().toVector().sameAs(b.trained().toVector()));
    }

    @Test
    void shuffledEpochsWithTheSameSeedAreReproducible() {
        List<List<String>> corpus = corpus(123);
        List<int[]> sentences = encoded(corpus, vocabulary(corpus));
        Parameters[] out = new Parameters[2];
        for (int i = 0; i < 2; i++) {
            RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 10);
            out[i] = new TrainingLoop(2, 1, LEARNING_RATE)
                    .run(new SequentialBackend<>(model.spec(), sentences, null, 5L), model.parameters(), 0, new TrainingListener() { });
        }
        assertTrue(out[0].toVector().sameAs(out[1].toVector()));

        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 10);
        Parameters inOrder = new TrainingLoop(2, 1, LEARNING_RATE)
                .run(new SequentialBackend<>(model.spec(), sentences, null, null), model.parameters(), 0, new TrainingListener() { });
        assertFalse(inOrder.toVector().sameAs(out[0].toVector()), "shuffling changes the order of the updates");
    }

    @Test
    void heldoutDataIsWhatGetsEvaluated() {
        List<List<String>> corpus = corpus(123);
        Vocabulary vocabulary = vocabulary(corpus);
        List<int[]> all = encoded(corpus, vocabulary);
        List<int[]> train = all.subList(0, 50);
        List<int[]> heldout = all.subList(50, 60);
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.DOUBLE, 10);
        SequentialBackend<int[]> backend = new SequentialBackend<>(model.spec(), train, heldout, null);

        assertEquals(50, backend.examplesPerEpoch());
        assertEquals(train.stream().mapToLong(s -> s.length - 1).sum(), backend.targetsPerEpoch());
        LossTotals evaluated = backend.evaluate(model.parameters());
        assertEquals(10, evaluated.examples());
        assertEquals(new ExampleScorer<>(model.spec()).score(heldout, model.parameters()).loss(), evaluated.loss(), 0.0);
    }
}
