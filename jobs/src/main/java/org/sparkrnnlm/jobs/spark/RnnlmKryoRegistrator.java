package org.sparkrnnlm.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.tensor.ParameterVector;

/** Every class our jobs put on the wire, for spark.kryo.registrationRequired=true. */
public final class RnnlmKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : new Class<?>[] {
                ParameterVector.class, LossTotals.class, ParameterAveraging.class,
                int[].class, int[][].class, long[].class, long[][].class, char[].class, float[].class, double[].class,
                String[].class, Object[].class}) {
            kryo.register(c);
        }
    }
}
