package org.sparkrnnlm.core.tensor;

/** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
public final class VectorSupport {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("rnnlm.scalar");

    private VectorSupport() {
    }

    public static boolean available() {
        return AVAILABLE;
    }
}
