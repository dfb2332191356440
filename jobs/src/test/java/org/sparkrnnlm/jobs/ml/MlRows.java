package org.sparkrnnlm.jobs.ml;

import java.util.ArrayList;
import java.util.List;

/** Values of collected rows as plain Java lists. */
final class MlRows {
    private MlRows() {
    }

    /** An inner array of strings as collect() returns it (a Scala sequence). */
    static List<String> strings(Object array) {
        List<String> out = new ArrayList<>();
        scala.collection.Iterator<?> it = ((scala.collection.Iterable<?>) array).iterator();
        while (it.hasNext()) out.add((String) it.next());
        return out;
    }
}
