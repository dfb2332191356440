package org.sparkrnnlm.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws the loss curve (loss against examples seen, one point per evaluation, learning-rate halvings marked) as a PNG. */
public final class LossPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private LossPlot() {}

    public static void write(List<MetricsRecord> records, String title, OutputStream png) throws IOException {
        XYSeries loss = new XYSeries("loss", false, true);
        for (MetricsRecord r : records) loss.add(r.examplesSeen(), r.loss());

        JFreeChart chart = ChartFactory.createXYLineChart(title, "examples seen", "loss",
                new XYSeriesCollection(loss), PlotOrientation.VERTICAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("no evaluations yet");
        // Zoom in on the curve, but anchor an axis at zero when all points share one value (e.g. a
        // single evaluation), or the auto range collapses to nothing and the ticks become unreadable.
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(loss.getMinY() == loss.getMaxY());
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(loss.getMinX() == loss.getMaxX());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(renderer);

        // A vertical dashed line wherever the learning rate dropped since the previous evaluation.
        for (int i = 1; i < records.size(); i++) {
            MetricsRecord r = records.get(i);
            if (r.learningRate() < records.get(i - 1).learningRate()) {
                ValueMarker m = new ValueMarker(r.examplesSeen(), new Color(0xd62728), new BasicStroke(
                        1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
                m.setLabel(String.format(Locale.ROOT, "lr %.3g", r.learningRate()));
                m.setLabelPaint(new Color(0xd62728));
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(m);
            }
        }
        ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    }
}
