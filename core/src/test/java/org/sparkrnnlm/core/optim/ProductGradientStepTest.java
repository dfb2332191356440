package org.sparkrnnlm.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * A gradient left as a product {@code left^T right} updates theta and the rule's state as the matrix
 * it stands for would: 3000 x 50 takes two blocks of rows in float (three in double), the last one
 * partial.
 */
class ProductGradientStepTest {
    private static final int ROWS = 3000;
    private static final int WIDTH = 50;
    private static final int STEPS = 12;

    private static INDArray gaussian(DataType type, long seed, int... shape) {
        Random r = new Random(seed);
        INDArray a = Nd4j.create(type, shape[0], shape[1]);
        for (int i = 0; i < a.length(); i++) a.putScalar(i, r.nextGaussian());
        return a;
    }

    private static Parameters parameters(Dtype dtype, INDArray v) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("V", v);
        return new Parameters(dtype, arrays);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"SGD,DOUBLE", "ADAGRAD,DOUBLE", "ADAM,DOUBLE", "ADAGRAD,FLOAT", "ADAM,FLOAT"})
    void aProductStepsThetaAndStateAsItsMatrixWould(Optimizer optimizer, Dtype dtype) {
        DataType type = dtype.nd4j();
        UpdateRule rule = UpdateRule.of(OptimizerSettings.defaults(optimizer));
        Parameters byProduct = OptimizerState.attach(parameters(dtype, gaussian(type, 1, ROWS, WIDTH)), rule);
        UpdateRule denseRule = UpdateRule.of(OptimizerSettings.defaults(optimizer));
        Parameters byMatrix = OptimizerState.attach(parameters(dtype, gaussian(type, 1, ROWS, WIDTH)), denseRule);
        for (int step = 0; step < 3; step++) {
            INDArray left = gaussian(type, 10 + step, STEPS, ROWS);
            INDArray right = gaussian(type, 20 + step, STEPS, WIDTH);
            GradientProducts products = new GradientProducts();
            products.put("V", left, right);
            Parameters unused = parameters(dtype, Nd4j.create(type, ROWS, WIDTH));
            rule.step(byProduct, unused, null, products, 0.01, 0.5);
            INDArray matrix = Nd4j.create(type, ROWS, WIDTH);
            Nd4j.gemm(left, right, matrix, true, false, 1.0, 0.0);
            denseRule.step(byMatrix, parameters(dtype, matrix), null, 0.01, 0.5);
        }
        double tolerance = dtype == Dtype.FLOAT ? 2e-5 : 1e-12;
        for (String name : byMatrix.names()) {
            double worst = byMatrix.get(name).sub(byProduct.get(name)).amaxNumber().doubleValue();
            double size = Math.max(1, byMatrix.get(name).amaxNumber().doubleValue());
            assertEquals(0.0, worst / size, tolerance, name);
        }
    }
}
