package org.sparkrnnlm.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A line chart of one or more curves measured during training (e.g. training loss and held-out
 * perplexity against examples seen), written as a PNG. The caller says what is plotted: the title,
 * the axis labels and each curve's name and values (already transformed, e.g. perplexity =
 * exp(per-token loss)). With two or more curves a legend names them. Learning-rate drops can be
 * marked as dashed vertical lines.
 *
 * <pre>{@code
 * new LossPlot("rnnlm train: perplexity", "examples seen", "perplexity")
 *         .series("training", trainingPoints)
 *         .series("held-out", heldOutPoints)
 *         .learningRateDrops(records)
 *         .write(out);
 * }</pre>
 */
public final class LossPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    /** One measurement: x (examples seen, or epochs) and the plotted value. */
    public record Point(double x, double y) {}

    private record Series(String name, List<Point> points) {}

    private record Marker(double x, String label) {}

    /** A y range whose largest positive value is at least this many times its smallest is drawn on a log axis. */
    static final double LOG_AXIS_RATIO = 10;

    private static final String FONT = Font.SANS_SERIF;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0x9467bd), new Color(0x8c564b)};
    private static final Color MARKER_COLOR = new Color(0xd62728);
    private static final Color GRID = new Color(0xdddddd);
    private static final Color TEXT = new Color(0x333333);

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    /**
     * @param title  what the chart shows, e.g. "rnnlm train: held-out perplexity"
     * @param xLabel the x axis, e.g. "examples seen" or "epoch"
     * @param yLabel the y axis, e.g. "perplexity" or "mean squared error"
     */
    public LossPlot(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title);
        this.xLabel = Objects.requireNonNull(xLabel);
        this.yLabel = Objects.requireNonNull(yLabel);
    }

    /**
     * Adds a curve, named in the legend (names must differ); points whose x or y is NaN or infinite
     * (e.g. not measured) are left out.
     */
    public LossPlot series(String name, List<Point> points) {
        series.add(new Series(Objects.requireNonNull(name), List.copyOf(points)));
        return this;
    }

    /** Adds a dashed vertical line at x, labelled. */
    public LossPlot marker(double x, String label) {
        markers.add(new Marker(x, label));
        return this;
    }

    /** Marks each evaluation whose learning rate is lower than the one before it ("lr 0.05"), at its examples seen. */
    public LossPlot learningRateDrops(List<MetricsRecord> records) {
        for (int i = 1; i < records.size(); i++) {
            MetricsRecord r = records.get(i);
            if (r.learningRate() < records.get(i - 1).learningRate()) {
                marker(r.examplesSeen(), "lr " + plain(r.learningRate()));
            }
        }
        return this;
    }

    /** Writes the chart as a {@link #WIDTH} x {@link #HEIGHT} PNG. */
    public void write(OutputStream png) throws IOException {
        ChartUtils.writeChartAsPNG(png, chart(), WIDTH, HEIGHT);
    }

    public JFreeChart chart() {
        XYSeriesCollection data = new XYSeriesCollection();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (Point p : s.points()) {
                if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) continue;
                xy.add(p.x(), p.y());
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
            }
            data.addSeries(xy);
        }
        boolean any = minX <= maxX;

        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setLowerMargin(0.03);
        xAxis.setUpperMargin(0.03);
        ValueAxis yAxis;
        if (any && minY > 0 && maxY / minY >= LOG_AXIS_RATIO) {
            LogAxis log = new PlainLogAxis(yLabel);
            log.setSmallestValue(minY / 2);
            log.setLowerMargin(0.05);
            log.setUpperMargin(0.05);
            yAxis = log;
        } else {
            NumberAxis linear = new NumberAxis(yLabel);
            linear.setAutoRangeIncludesZero(false);
            linear.setLowerMargin(0.08);
            linear.setUpperMargin(0.08);
            yAxis = linear;
        }
        // The auto range zooms in on the curves; when all points share one value (e.g. a single
        // evaluation) it would collapse to nothing, so centre that value in a range from 0 instead.
        if (any && minX == maxX) centre(xAxis, minX);
        if (any && minY == maxY) centre(yAxis, minY);
        for (ValueAxis axis : List.of(xAxis, yAxis)) {
            axis.setTickLabelsVisible(any);
            axis.setTickMarksVisible(any);
            axis.setLabelFont(new Font(FONT, Font.PLAIN, 16));
            axis.setLabelPaint(TEXT);
            axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 13));
            axis.setTickLabelPaint(TEXT);
            axis.setAxisLinePaint(Color.GRAY);
            axis.setTickMarkPaint(Color.GRAY);
        }

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Shape[] shapes = {
            new Ellipse2D.Double(-4, -4, 8, 8), new Rectangle2D.Double(-3.5, -3.5, 7, 7),
            ShapeUtils.createDiamond(5f), ShapeUtils.createUpTriangle(5f)};
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, shapes[i % shapes.length]);
        }
        renderer.setDefaultLegendTextFont(new Font(FONT, Font.PLAIN, 14));
        renderer.setDefaultLegendTextPaint(TEXT);

        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(any);
        plot.setRangeGridlinesVisible(any);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setRangeMinorGridlinesVisible(any && yAxis instanceof LogAxis);
        plot.setRangeMinorGridlinePaint(new Color(0xf0f0f0));
        plot.setRangeMinorGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setInsets(new RectangleInsets(8, 8, 8, 24));
        plot.setNoDataMessage("no evaluations yet");
        plot.setNoDataMessageFont(new Font(FONT, Font.ITALIC, 16));
        plot.setNoDataMessagePaint(Color.GRAY);

        for (Marker m : markers) {
            ValueMarker line = new ValueMarker(m.x(), MARKER_COLOR, new BasicStroke(
                    1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
            line.setAlpha(0.8f);
            line.setLabel(m.label());
            line.setLabelFont(new Font(FONT, Font.PLAIN, 12));
            line.setLabelPaint(MARKER_COLOR);
            line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            line.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            line.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            plot.addDomainMarker(line);
        }

        JFreeChart chart = new JFreeChart(title, new Font(FONT, Font.BOLD, 20), plot, series.size() > 1);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 8));
        TextTitle heading = chart.getTitle();
        heading.setPaint(TEXT);
        heading.setMargin(4, 0, 8, 0);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.TOP);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 16));
        }
        return chart;
    }

    private static void centre(ValueAxis axis, double value) {
        double half = value != 0 ? Math.abs(value) : 1;
        axis.setRange(value - half, value + half);
    }

    /** A number to three significant digits, without exponent or trailing zeros: 0.05, 0.0125, 1200. */
    static String plain(double value) {
        if (!Double.isFinite(value)) return Double.toString(value);
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * A log axis whose labelled ticks are plain numbers at 1, 2 and 5 times powers of ten (fewer
     * when the range spans many decades, more when it spans less than one), with an unlabelled
     * minor tick, and grid line, at every other integer multiple.
     */
    private static final class PlainLogAxis extends LogAxis {
        PlainLogAxis(String label) {
            super(label);
            setBase(10);
            setMinorTickMarksVisible(true);
        }

        @Override
        protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            double lower = getLowerBound(), upper = getUpperBound();
            int from = (int) Math.floor(Math.log10(lower)), to = (int) Math.ceil(Math.log10(upper));
            // The sparsest choice of labelled multiples that still gives five labels.
            int[][] choices = {{1}, {1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
            int[] labelled = choices[choices.length - 1];
            for (int[] choice : choices) {
                if (count(choice, from, to, lower, upper) >= 5) {
                    labelled = choice;
                    break;
                }
            }
            boolean left = edge == RectangleEdge.LEFT;
            TextAnchor anchor = left ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
            List<NumberTick> ticks = new ArrayList<>();
            for (int e = from; e <= to; e++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v < lower || v > upper) continue;
                    boolean major = contains(labelled, m);
                    ticks.add(new NumberTick(major ? TickType.MAJOR : TickType.MINOR, v,
                            major ? grouped(v) : "", anchor, anchor, 0));
                }
            }
            return ticks;
        }

        private static int count(int[] multiples, int from, int to, double lower, double upper) {
            int n = 0;
            for (int e = from; e <= to; e++) {
                for (int m : multiples) {
                    double v = m * Math.pow(10, e);
                    if (v >= lower && v <= upper) n++;
                }
            }
            return n;
        }

        private static boolean contains(int[] multiples, int m) {
            for (int x : multiples) if (x == m) return true;
            return false;
        }

        private static String grouped(double v) {
            return v >= 1000 ? String.format(Locale.ROOT, "%,d", Math.round(v)) : plain(v);
        }
    }
}
