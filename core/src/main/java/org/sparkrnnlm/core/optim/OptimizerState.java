package org.sparkrnnlm.core.optim;

import java.util.LinkedHashMap;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * A model's weights and its update rule's state in one {@link Parameters}: state arrays are named
 * after their weight array ("U.adam_m"), plus {@link #STEPS} for rules that count steps. Weight
 * names never hold a dot, so the two parts separate by name.
 */
public final class OptimizerState {
    public static final String STEPS = "optimizer.steps";
    private static final char SEPARATOR = '.';

    private OptimizerState() {
    }

    static String stateName(String array, String suffix) {
        return array + SEPARATOR + suffix;
    }

    /** The weights with zero state for the rule (the weights alone for plain SGD). */
    public static Parameters attach(Parameters weights, UpdateRule rule) {
        LinkedHashMap<String, INDArray> all = new LinkedHashMap<>();
        for (String name : weights.names()) all.put(name, weights.get(name));
        for (String suffix : rule.stateSuffixes()) {
            for (String name : weights.names()) {
                INDArray w = weights.get(name);
                all.put(stateName(name, suffix), Nd4j.create(w.dataType(), w.shape(), w.ordering()));
            }
        }
        if (rule.countsSteps()) all.put(STEPS, Nd4j.create(weights.get(weights.names().get(0)).dataType(), 1));
        return new Parameters(weights.dtype(), all);
    }

    /** The weights with the given state arrays (from a checkpoint), checked against the rule's. */
    public static Parameters attach(Parameters weights, UpdateRule rule, Parameters state) {
        Parameters all = attach(weights, rule);
        List<String> expected = stateNames(all);
        if (!expected.equals(state.names())) {
            throw new IllegalArgumentException("the optimizer state holds " + state.names() + ", the optimizer needs " + expected);
        }
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : all.names()) arrays.put(name, isState(name) ? like(state.get(name), all.get(name)) : all.get(name));
        return new Parameters(weights.dtype(), arrays);
    }

    /** The rule a state was kept by, from its arrays' names. */
    public static Optimizer optimizerOf(Parameters state) {
        for (String name : state.names()) {
            if (name.endsWith(".adam_m")) return Optimizer.ADAM;
            if (name.endsWith(".adagrad_sum")) return Optimizer.ADAGRAD;
        }
        return Optimizer.SGD;
    }

    /** A state array in the storage order of the zeros it replaces: the rules index both by storage offset. */
    private static INDArray like(INDArray state, INDArray zeros) {
        if (!java.util.Arrays.equals(state.shape(), zeros.shape())) {
            throw new IllegalArgumentException("a state array has shape " + java.util.Arrays.toString(state.shape()) + ", expected "
                    + java.util.Arrays.toString(zeros.shape()));
        }
        return state.ordering() == zeros.ordering() && !state.isView() ? state : state.dup(zeros.ordering());
    }

    /** The weights alone. */
    public static Parameters weights(Parameters all) {
        return select(all, false);
    }

    /** The state alone (empty for plain SGD). */
    public static Parameters state(Parameters all) {
        return select(all, true);
    }

    private static List<String> stateNames(Parameters all) {
        return all.names().stream().filter(OptimizerState::isState).toList();
    }

    private static boolean isState(String name) {
        return name.indexOf(SEPARATOR) >= 0;
    }

    private static Parameters select(Parameters all, boolean state) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : all.names()) if (isState(name) == state) arrays.put(name, all.get(name));
        return new Parameters(all.dtype(), arrays);
    }
}
