package org.sparkrnnlm.core.lm;

/** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
final class VectorSupport {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("rnnlm.scalar");

    private VectorSupport() {
    }

    static boolean available() {
        return AVAILABLE;
    }
}
