package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    @Test
    void givesTheSourcesItemsInOrder() {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        List<Integer> out = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(items.iterator(), 3, "test")) {
            ahead.forEachRemaining(out::add);
        }
        assertEquals(items, out);
    }

    @Test
    void aFailureOfTheSourceSurfacesInTheConsumer() {
        Iterator<Integer> failing = new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                if (i == 5) throw new IllegalArgumentException("broken at 5");
                return true;
            }

            @Override
            public Integer next() {
                return i++;
            }
        };
        try (ReadAhead<Integer> ahead = new ReadAhead<>(failing, 2, "test")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ahead.forEachRemaining(x -> { }));
            assertEquals("broken at 5", e.getMessage());
        }
    }
}
