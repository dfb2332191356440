package org.sparkrnnlm.jobs.distributed;

import org.nd4j.linalg.factory.Nd4j;

/**
 * BLAS threads per task. In local[N] all tasks share one JVM, and OpenBLAS would otherwise start
 * all-cores thread pools in each of them: N tasks x N threads oversubscribe the machine.
 */
public final class EngineThreads {
    private static volatile int configured = -1;

    private EngineThreads() {
    }

    public static synchronized void use(int threads) {
        if (configured == threads) return;
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        configured = threads;
    }
}
