package org.sparkrnnlm.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class LossPlotTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static List<MetricsRecord> curve() {
        return List.of(
                new MetricsRecord(1, 10_000, 6.0, 6.0, null, 0.1, 4000, 10),
                new MetricsRecord(1, 20_000, 5.2, 5.2, null, 0.1, 4000, 20),
                new MetricsRecord(2, 30_000, 4.9, 4.9, null, 0.05, 4000, 30),
                new MetricsRecord(2, 40_000, 4.7, 4.7, null, 0.05, 4000, 40),
                new MetricsRecord(3, 50_000, 4.65, 4.65, null, 0.025, 4000, 50));
    }

    private static List<LossPlot.Point> points(double... xy) {
        LossPlot.Point[] points = new LossPlot.Point[xy.length / 2];
        for (int i = 0; i < points.length; i++) points[i] = new LossPlot.Point(xy[2 * i], xy[2 * i + 1]);
        return List.of(points);
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a decodable PNG");
        return image;
    }

    private static long distinctPixels(BufferedImage image) {
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .distinct().limit(2).count();
    }

    @Test
    void writesANonBlank900By560Png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LossPlot("perplexity", "examples seen", "perplexity")
                .series("training", points(10_000, 400, 20_000, 180))
                .series("held-out", points(10_000, 450, 20_000, 200))
                .write(out);
        BufferedImage image = decode(out.toByteArray());
        assertEquals(900, image.getWidth());
        assertEquals(560, image.getHeight());
        assertTrue(distinctPixels(image) > 1, "image is blank");
    }

    @Test
    void titleAndAxisLabelsAreTheCallers() {
        JFreeChart chart = new LossPlot("rnnlm train: held-out perplexity", "epoch", "perplexity")
                .series("held-out", points(1, 300, 2, 200)).chart();
        XYPlot plot = chart.getXYPlot();
        assertEquals("rnnlm train: held-out perplexity", chart.getTitle().getText());
        assertEquals("epoch", plot.getDomainAxis().getLabel());
        assertEquals("perplexity", plot.getRangeAxis().getLabel());
    }

    @Test
    void eachSeriesIsDrawnUnderItsNameWithTheCallersValues() {
        XYDataset data = new LossPlot("t", "x", "y")
                .series("training", points(1, 5.0, 2, 4.0))
                .series("held-out", points(1, 5.5, 2, 4.8, 3, 4.6))
                .chart().getXYPlot().getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals("training", data.getSeriesKey(0));
        assertEquals("held-out", data.getSeriesKey(1));
        assertEquals(3, data.getItemCount(1));
        assertEquals(3.0, data.getXValue(1, 2));
        assertEquals(4.6, data.getYValue(1, 2));
    }

    @Test
    void aLegendOnlyWhenThereIsMoreThanOneSeries() {
        assertNull(new LossPlot("t", "x", "y").series("training", points(1, 5, 2, 4)).chart().getLegend());
        assertNotNull(new LossPlot("t", "x", "y")
                .series("training", points(1, 5, 2, 4))
                .series("held-out", points(1, 6, 2, 5)).chart().getLegend());
    }

    @Test
    void unmeasuredPointsAreLeftOut() {
        XYDataset data = new LossPlot("t", "x", "y")
                .series("held-out", points(1, Double.NaN, 2, 4.0, 3, Double.POSITIVE_INFINITY))
                .chart().getXYPlot().getDataset();
        assertEquals(1, data.getItemCount(0));
        assertEquals(2.0, data.getXValue(0, 0));
    }

    @Test
    void aRangeOverTenfoldIsDrawnOnALogAxisANarrowOneOnALinearAxisThatNeedNotStartAtZero() {
        XYPlot wide = new LossPlot("t", "x", "perplexity").series("p", points(1, 2000, 2, 150, 3, 90)).chart().getXYPlot();
        assertInstanceOf(LogAxis.class, wide.getRangeAxis());

        XYPlot narrow = new LossPlot("t", "x", "loss").series("l", points(1, 6.0, 2, 5.2, 3, 4.65)).chart().getXYPlot();
        NumberAxis linear = assertInstanceOf(NumberAxis.class, narrow.getRangeAxis());
        assertTrue(linear.getRange().getLowerBound() > 4, "the axis zooms in on the curve: " + linear.getRange());
        assertTrue(linear.getRange().contains(6.0) && linear.getRange().contains(4.65));
    }

    @Test
    void aSinglePointSitsInsideNonEmptyRanges() {
        XYPlot plot = new LossPlot("t", "x", "y").series("l", points(10_000, 6.0)).chart().getXYPlot();
        Range x = plot.getDomainAxis().getRange(), y = plot.getRangeAxis().getRange();
        assertTrue(x.getLength() > 0 && x.getLowerBound() < 10_000 && 10_000 < x.getUpperBound(), x.toString());
        assertTrue(y.getLength() > 0 && y.getLowerBound() < 6.0 && 6.0 < y.getUpperBound(), y.toString());
    }

    @Test
    void learningRateDropsAreMarkedWhereTheyHappen() {
        Collection<?> markers = new LossPlot("t", "examples seen", "loss")
                .learningRateDrops(curve()).chart().getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        List<ValueMarker> drops = markers.stream().map(ValueMarker.class::cast).toList();
        assertEquals(List.of(30_000.0, 50_000.0), drops.stream().map(ValueMarker::getValue).toList());
        assertEquals(List.of("lr 0.05", "lr 0.025"), drops.stream().map(ValueMarker::getLabel).toList());
    }

    @Test
    void numbersArePrintedPlainToThreeSignificantDigits() {
        assertEquals("0.05", LossPlot.plain(0.05));
        assertEquals("0.0125", LossPlot.plain(0.0125));
        assertEquals("0.333", LossPlot.plain(1.0 / 3));
        assertEquals("1200", LossPlot.plain(1200));
    }

    @Test
    void writesValidPngsForEmptySingleAndFullCurves() throws Exception {
        for (List<MetricsRecord> records : List.of(List.<MetricsRecord>of(), curve().subList(0, 1), curve())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new LossPlot("rnnlm train: training perplexity", "examples seen", "training perplexity")
                    .series("training", records.stream().map(r -> new LossPlot.Point(r.examplesSeen(), Math.exp(r.loss()))).toList())
                    .write(out);
            BufferedImage image = decode(out.toByteArray());
            assertEquals(LossPlot.WIDTH, image.getWidth());
            assertEquals(LossPlot.HEIGHT, image.getHeight());
        }
    }
}
