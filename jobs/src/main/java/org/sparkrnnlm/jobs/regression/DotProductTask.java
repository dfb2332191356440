package org.sparkrnnlm.jobs.regression;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.core.store.FileStore;

/**
 * The tutorial's toy task: T steps of two inputs u_t = (x0_t, x1_t), uniform in [-1, 1), and one
 * output after the last step, y = sum over t of x0_t * x1_t. A network must multiply within a step
 * and remember the running sum across steps.
 *
 * <p>Deterministic: all sequences come from one {@code java.util.Random(seed)}, drawn sequence after
 * sequence, step after step, x0_t before x1_t, each as {@code 2 * nextDouble() - 1}. A held-out
 * set is another seed.
 */
public final class DotProductTask {
    public static final int INPUT_SIZE = 2;
    private final int steps;

    public DotProductTask(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        this.steps = steps;
    }

    public int steps() {
        return steps;
    }

    /** The next sequence from random. */
    public Sequence next(Random random) {
        double[] inputs = new double[steps * INPUT_SIZE];
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            double x0 = 2 * random.nextDouble() - 1;
            double x1 = 2 * random.nextDouble() - 1;
            inputs[t * INPUT_SIZE] = x0;
            inputs[t * INPUT_SIZE + 1] = x1;
            sum += x0 * x1;
        }
        return new Sequence(steps, INPUT_SIZE, inputs, new double[] {sum});
    }

    /** count sequences drawn from Random(seed), lazily. */
    public Iterator<Sequence> sequences(long count, long seed) {
        if (count < 0) throw new IllegalArgumentException("count cannot be negative: " + count);
        Random random = new Random(seed);
        return new Iterator<>() {
            private long made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public Sequence next() {
                if (!hasNext()) throw new NoSuchElementException();
                made++;
                return DotProductTask.this.next(random);
            }
        };
    }

    /** Writes count sequences of Random(seed) to path as JSON lines (see {@link SequenceFile#write}). */
    public long write(FileStore store, String path, long count, long seed) throws IOException {
        return SequenceFile.write(store, path, sequences(count, seed), TargetForm.LAST_STEP);
    }
}
