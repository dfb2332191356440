package org.sparkrnnlm.jobs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.jobs.report.MetricsRecord;

class LossChartTest {
    private static final List<MetricsRecord> RECORDS = List.of(new MetricsRecord(0, 0, 5.5, 5.0, null, 0.005, 0, 1),
            new MetricsRecord(1, 1000, 5.0, 4.5, 4.25, 0.005, 900, 2));
    private static final List<MetricsRecord> BEFORE_TRAINING = RECORDS.subList(0, 1);

    @Test
    void theLanguageModelsChartShowsHeldOutPerplexityWhenItWasMeasuredOnHeldOutData() {
        JFreeChart chart = LossChart.perplexity(true).plot("train", BEFORE_TRAINING).chart();
        XYPlot plot = chart.getXYPlot();

        assertEquals("rnnlm train: held-out perplexity", chart.getTitle().getText());
        assertEquals("held-out perplexity", plot.getRangeAxis().getLabel());
        assertEquals(1, plot.getDataset().getSeriesCount());
        assertEquals("held-out", plot.getDataset().getSeriesKey(0));
        assertEquals(Math.exp(5.0), plot.getDataset().getYValue(0, 0), 1e-12);
    }

    @Test
    void withHeldOutDataAndATrainedEpochBothLossesAreDrawn() {
        JFreeChart chart = LossChart.perplexity(true).plot("train", RECORDS).chart();
        XYPlot plot = chart.getXYPlot();

        assertEquals("rnnlm train: perplexity", chart.getTitle().getText());
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals("training (during each epoch)", plot.getDataset().getSeriesKey(1));
        assertEquals(Math.exp(4.5), plot.getDataset().getYValue(0, 1), 1e-12);
        assertEquals(Math.exp(4.25), plot.getDataset().getYValue(1, 0), 1e-12);
    }

    @Test
    void withoutHeldOutDataTheChartSaysItShowsTheTrainingLoss() {
        JFreeChart chart = LossChart.meanSquaredError(false).plot("train-regression", RECORDS).chart();

        assertEquals("rnnlm train-regression: training mean squared error", chart.getTitle().getText());
        assertEquals(1, chart.getXYPlot().getDataset().getSeriesCount(), "the evaluated training loss alone");
        assertEquals(4.5, chart.getXYPlot().getDataset().getYValue(0, 1), 1e-12);
    }
}
