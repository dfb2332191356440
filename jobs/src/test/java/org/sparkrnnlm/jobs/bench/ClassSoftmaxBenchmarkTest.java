package org.sparkrnnlm.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;

/** {@code bench --sections class-softmax}: alternating measurements, and the median pair's speedup. */
class ClassSoftmaxBenchmarkTest {
    private static List<List<String>> sentences(int count) {
        Random random = new Random(5);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> s = new ArrayList<>();
            for (int t = 2 + random.nextInt(8); t > 0; t--) s.add("w" + (int) Math.abs(random.nextGaussian() * 15));
            out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double speedup(Object measurement, String key) {
        return ((Number) ((Map<String, Object>) measurement).get(key)).doubleValue();
    }

    @Test
    void reportsTheMedianOfTheAlternatingMeasurementsSpeedups() throws Exception {
        Map<String, Object> out = new ClassSoftmaxBenchmark(sentences(60), 8, 4).run(30, null, 60, 20, 3);
        List<?> measurements = (List<?>) out.get("measurements");
        assertEquals(3, measurements.size());
        for (String key : List.of("speedup_1_stream", "speedup_2_streams")) {
            double[] each = measurements.stream().mapToDouble(m -> speedup(m, key)).sorted().toArray();
            assertTrue(each[0] > 0, Arrays.toString(each));
            assertEquals(each[1], ((Number) out.get(key)).doubleValue(), key);
        }
    }

    @Test
    void noMeasurementIsAUsageError() {
        assertThrows(InvalidSettingException.class, () -> new ClassSoftmaxBenchmark(sentences(10), 8, 4).run(30, null, 10, 10, 0));
    }
}
