package org.sparkrnnlm.core.train;

import java.util.Iterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.optim.GradientProducts;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * One update per example with any rule: the example's gradient goes into a buffer, is clipped,
 * and the rule updates the weights and its state (both in one {@link OptimizerState} Parameters).
 * Plain SGD keeps {@link ExampleSgd}'s in-place step, bit for bit the tutorial's.
 */
public final class ExampleTraining<E> {
    private final ModelSpec<E> spec;
    private final ExampleGradient<E> math;
    private final OptimizerSettings settings;
    private final UpdateRule rule;
    private final GradientProducts products = new GradientProducts();
    private Parameters gradient;

    public ExampleTraining(ModelSpec<E> spec, ExampleGradient<E> math, OptimizerSettings settings) {
        this.spec = spec;
        this.math = math;
        this.settings = settings;
        this.rule = UpdateRule.of(settings);
    }

    /** Trains {@code all} (weights and state) in place on at most {@code limit} examples; returns their pre-step losses. */
    public LossTotals run(Iterator<E> examples, long limit, Parameters all, double learningRate) {
        return run(examples, limit, all, StepRates.constant(learningRate));
    }

    /** As {@link #run(Iterator, long, Parameters, double)}, example j at rate {@code rates.at(j)}. */
    public LossTotals run(Iterator<E> examples, long limit, Parameters all, StepRates rates) {
        if (settings.isPlainSgd()) return plainSgd(examples, limit, all, rates);
        Parameters weights = OptimizerState.weights(all);
        if (gradient == null || !sameShapes(gradient, weights)) gradient = weights.zerosLike();
        LossTotals seen = new LossTotals();
        for (long n = 0; n < limit && examples.hasNext(); n++) {
            E example = examples.next();
            SparseRuns sparse = spec.sparseRuns(example);
            products.clear();
            double loss = math.gradient(example, weights, gradient, products);
            double scale = Clipping.scale(gradient, sparse, products, settings.clipNorm());
            rule.step(all, gradient, sparse, products, rates.at(n), scale);
            clear(gradient, sparse, products);
            seen.add(loss, spec.targets(example));
        }
        return seen;
    }

    private LossTotals plainSgd(Iterator<E> examples, long limit, Parameters all, StepRates rates) {
        ExampleSgd<E> sgd = new ExampleSgd<>(spec, math);
        if (rates.isConstant()) return sgd.run(examples, limit, all, rates.base());
        LossTotals seen = new LossTotals();
        for (long n = 0; n < limit && examples.hasNext(); n++) seen.merge(sgd.run(examples, 1, all, rates.at(n)));
        return seen;
    }

    private static boolean sameShapes(Parameters a, Parameters b) {
        if (!a.names().equals(b.names())) return false;
        for (String name : a.names()) if (!java.util.Arrays.equals(a.get(name).shape(), b.get(name).shape())) return false;
        return true;
    }

    /** Zeros what the example added: its runs of a sparse array, every other array whole but those left as products. */
    private static void clear(Parameters gradient, SparseRuns sparse, GradientProducts products) {
        for (String name : gradient.names()) {
            if (products.get(name) != null) continue;
            INDArray g = gradient.get(name);
            SparseRuns.Ranges ranges = sparse == null ? null : sparse.ranges(name);
            if (ranges != null) {
                for (int r = 0; r < ranges.count(); r++) NdBuffers.zero(g, ranges.offsets()[r], ranges.lengths()[r]);
            } else {
                NdBuffers.zeroAll(g);
            }
        }
    }
}
