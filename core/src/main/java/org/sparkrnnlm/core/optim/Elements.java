package org.sparkrnnlm.core.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to an array's off-heap storage for the update rules' plain-Java loops: an ND4J
 * op per array and step would cost more than the arithmetic on a sparse run (STACK-NOTES).
 * Values are read and written as doubles; a float array rounds once on write.
 */
public abstract class Elements {
    final int base;

    private Elements(INDArray array) {
        this.base = Math.toIntExact(array.offset());
    }

    public static Elements of(INDArray array) {
        return array.dataType() == DataType.FLOAT ? new Floats(array) : new Doubles(array);
    }

    public abstract double get(int i);

    public abstract void set(int i, double value);

    private static final class Floats extends Elements {
        private final FloatBuffer buffer;

        Floats(INDArray array) {
            super(array);
            buffer = array.data().asNioFloat();
        }

        @Override
        public double get(int i) {
            return buffer.get(base + i);
        }

        @Override
        public void set(int i, double value) {
            buffer.put(base + i, (float) value);
        }
    }

    private static final class Doubles extends Elements {
        private final DoubleBuffer buffer;

        Doubles(INDArray array) {
            super(array);
            buffer = array.data().asNioDouble();
        }

        @Override
        public double get(int i) {
            return buffer.get(base + i);
        }

        @Override
        public void set(int i, double value) {
            buffer.put(base + i, value);
        }
    }
}
