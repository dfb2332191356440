package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinibatchPlanTest {

    @Test
    void everyExampleIsInExactlyOneBatchInBlockOrder() {
        List<List<Integer>> blocks = List.of(List.of(0, 1, 2, 3, 4, 5, 6), List.of(7, 8, 9), List.of(), List.of(10, 11, 12, 13, 14));
        MinibatchPlan plan = MinibatchPlan.of(new long[] {7, 3, 0, 5}, 4);
        List<Integer> seen = new ArrayList<>();
        for (int b = 0; b < plan.batches(); b++) {
            List<Integer> batch = plan.batch(blocks, b);
            assertEquals(batch.size(), plan.examples(b));
            long[] sizes = {7, 3, 0, 5};
            for (int p = 0; p < 4; p++) {
                double share = plan.from(p, b + 1) - plan.from(p, b);
                assertTrue(Math.abs(share - sizes[p] / 4.0) < 1, "block " + p + " gives batch " + b + " " + share + " examples");
            }
            seen.addAll(batch);
        }
        assertEquals(4, plan.batches());
        assertEquals(15, seen.size());
        assertEquals(15, seen.stream().distinct().count());
    }

    @Test
    void everyBatchTakesTheSameShareOfEveryBlock() {
        MinibatchPlan plan = MinibatchPlan.of(new long[] {100, 100}, 32);
        assertEquals(7, plan.batches());
        for (int b = 0; b < plan.batches(); b++) {
            assertEquals(plan.from(0, b + 1) - plan.from(0, b), plan.from(1, b + 1) - plan.from(1, b));
            assertTrue(plan.from(0, b + 1) - plan.from(0, b) >= 14);
        }
    }

    @Test
    void oneBlockIsCutIntoConsecutiveBatchesOfNearlyEqualSize() {
        MinibatchPlan plan = MinibatchPlan.of(new long[] {100}, 16);
        assertEquals(7, plan.batches());
        assertEquals(0, plan.from(0, 0));
        assertEquals(100, plan.from(0, 7));
        for (int b = 0; b < 7; b++) assertTrue(plan.examples(b) == 14 || plan.examples(b) == 15, "batch " + b);
    }
}
