package org.sparkrnnlm.core.lm;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/** Small models and sentences for the gradient tests, and conversions to plain arrays. */
final class GradientFixtures {
    static final int WORDS = 23;
    static final int HIDDEN = 7;

    private GradientFixtures() {
    }

    static RnnLanguageModel model(int truncate, Dtype dtype, long seed) {
        return RnnLanguageModel.initialize(WORDS, HIDDEN, truncate, dtype, seed);
    }

    /** A sentence of {@code targets + 1} ids, i.e. T = targets steps. */
    static int[] sentence(int targets, long seed) {
        Random r = new Random(seed);
        int[] ids = new int[targets + 1];
        for (int i = 0; i < ids.length; i++) ids[i] = r.nextInt(WORDS);
        return ids;
    }

    static double[][] matrix(INDArray a) {
        double[][] m = new double[(int) a.size(0)][(int) a.size(1)];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[0].length; j++) m[i][j] = a.getDouble(i, j);
        return m;
    }

    static TutorialBpttReference reference(RnnLanguageModel model) {
        Parameters p = model.parameters();
        return new TutorialBpttReference(matrix(p.get(RnnLanguageModel.U)), matrix(p.get(RnnLanguageModel.W)),
                matrix(p.get(RnnLanguageModel.V)), model.bpttTruncate());
    }

    static int[] inputs(int[] ids) {
        return java.util.Arrays.copyOfRange(ids, 0, ids.length - 1);
    }

    static int[] targets(int[] ids) {
        return java.util.Arrays.copyOfRange(ids, 1, ids.length);
    }

    /** The engine's gradient of one sentence, summed into zeros. */
    static Parameters engineGradient(RnnLanguageModel model, int[] ids) {
        Parameters grad = model.parameters().zerosLike();
        new LanguageModelGradient(model).accumulate(ids, model.parameters(), grad, 1.0);
        return grad;
    }

    /**
     * The largest relative error between central differences of {@code objective} (each entry of
     * {@code params} moved by 1e-5 in place and restored) and {@code analytic}, array by array.
     */
    static double worstRelativeError(double[][][] params, double[][][] analytic, java.util.function.DoubleSupplier objective) {
        double worst = 0;
        for (int k = 0; k < params.length; k++) {
            double[][] m = params[k];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[0].length; j++) {
                    double saved = m[i][j];
                    double h = 1e-5;
                    m[i][j] = saved + h;
                    double plus = objective.getAsDouble();
                    m[i][j] = saved - h;
                    double minus = objective.getAsDouble();
                    m[i][j] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    double exact = analytic[k][i][j];
                    worst = Math.max(worst, Math.abs(numeric - exact) / Math.max(1e-3, Math.abs(numeric) + Math.abs(exact)));
                }
            }
        }
        return worst;
    }

    static double maxAbsDifference(double[][] expected, INDArray actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual.getDouble(i, j)));
            }
        }
        return worst;
    }
}
