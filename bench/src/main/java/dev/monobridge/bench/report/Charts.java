package dev.monobridge.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Plain line and bar charts drawn with java.awt into PNG files, headless, so that the benchmark needs
 * no charting library. Enough for a results folder: axes with round ticks, linear or log scale, a
 * legend, and value labels on bars.
 */
final class Charts {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 650;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 150;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private Charts() {
    }

    /** One line of a line chart. */
    record Series(String name, double[] x, double[] y) {
    }

    static void line(Path file, String title, String xLabel, String yLabel, List<Series> series, boolean logY) throws IOException {
        double xMax = 0;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xMax = Math.max(xMax, s.x()[i]);
                if (s.y()[i] > 0) {
                    yMin = Math.min(yMin, s.y()[i]);
                }
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        Scale xs = Scale.linear(0, xMax <= 0 ? 1 : xMax);
        Scale ys = logY ? Scale.log(yMin == Double.MAX_VALUE ? 1 : yMin, Math.max(yMax, 1)) : Scale.linear(0, yMax <= 0 ? 1 : yMax);
        Canvas canvas = new Canvas(title);
        canvas.axes(xs, ys, xLabel, yLabel, null);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            canvas.g.setColor(PALETTE[i % PALETTE.length]);
            canvas.g.setStroke(new BasicStroke(2.2f));
            int lastX = -1;
            int lastY = -1;
            for (int p = 0; p < s.x().length; p++) {
                if (logY && s.y()[p] <= 0) {
                    continue;
                }
                int px = canvas.px(xs, s.x()[p]);
                int py = canvas.py(ys, s.y()[p]);
                if (lastX >= 0) {
                    canvas.g.drawLine(lastX, lastY, px, py);
                }
                canvas.g.fillOval(px - 3, py - 3, 6, 6);
                lastX = px;
                lastY = py;
            }
        }
        canvas.legend(series.stream().map(Series::name).toList());
        canvas.write(file);
    }

    /**
     * Grouped bars: one group per category, one bar per series.
     *
     * @param values values[series][category]; NaN for none
     */
    static void bars(Path file, String title, String yLabel, List<String> categories, List<String> seriesNames,
                     double[][] values, boolean logY, String valueFormat) throws IOException {
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v) && v > 0) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        Scale ys = logY ? Scale.log(yMin == Double.MAX_VALUE ? 1 : yMin, Math.max(yMax, 1)) : Scale.linear(0, yMax <= 0 ? 1 : yMax);
        Canvas canvas = new Canvas(title);
        canvas.axes(null, ys, null, yLabel, categories);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double groupWidth = (double) plotWidth / Math.max(1, categories.size());
        double barWidth = groupWidth * 0.8 / Math.max(1, seriesNames.size());
        canvas.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int s = 0; s < seriesNames.size(); s++) {
            for (int c = 0; c < categories.size(); c++) {
                double v = values[s][c];
                if (Double.isNaN(v) || (logY && v <= 0)) {
                    continue;
                }
                int x = (int) (LEFT + c * groupWidth + groupWidth * 0.1 + s * barWidth);
                int y = canvas.py(ys, Math.max(v, logY ? ys.min : 0));
                int base = HEIGHT - BOTTOM;
                canvas.g.setColor(PALETTE[s % PALETTE.length]);
                canvas.g.fillRect(x, y, Math.max(1, (int) barWidth - 2), Math.max(0, base - y));
                canvas.g.setColor(Color.DARK_GRAY);
                String label = String.format(Locale.ROOT, valueFormat, v);
                canvas.g.drawString(label, x, y - 3);
            }
        }
        canvas.legend(seriesNames);
        canvas.write(file);
    }

    /** Maps values to [0, 1] along an axis, with round tick values. */
    private static final class Scale {
        final double min;
        final double max;
        final boolean log;

        private Scale(double min, double max, boolean log) {
            this.min = min;
            this.max = max;
            this.log = log;
        }

        static Scale linear(double min, double max) {
            double step = niceStep((max - min) / 5);
            return new Scale(min, Math.ceil(max / step) * step, false);
        }

        static Scale log(double min, double max) {
            double low = Math.pow(10, Math.floor(Math.log10(min)));
            double high = Math.pow(10, Math.ceil(Math.log10(max)));
            return new Scale(low, high <= low ? low * 10 : high, true);
        }

        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = min; t <= max * 1.0001; t *= 10) {
                    ticks.add(t);
                }
            } else {
                double step = niceStep((max - min) / 5);
                for (double t = min; t <= max + step / 1000; t += step) {
                    ticks.add(t);
                }
            }
            return ticks;
        }

        private static double niceStep(double raw) {
            if (raw <= 0) {
                return 1;
            }
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double normalized = raw / magnitude;
            double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
            return nice * magnitude;
        }
    }

    private static final class Canvas {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();

        Canvas(String title) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            g.drawString(title, LEFT, 32);
        }

        int px(Scale scale, double v) {
            return (int) Math.round(LEFT + scale.fraction(v) * (WIDTH - LEFT - RIGHT));
        }

        int py(Scale scale, double v) {
            return (int) Math.round(HEIGHT - BOTTOM - scale.fraction(v) * (HEIGHT - TOP - BOTTOM));
        }

        void axes(Scale xs, Scale ys, String xLabel, String yLabel, List<String> categories) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            for (double tick : ys.ticks()) {
                int y = py(ys, tick);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.DARK_GRAY);
                String text = format(tick);
                g.drawString(text, LEFT - 8 - metrics.stringWidth(text), y + 4);
            }
            if (xs != null) {
                for (double tick : xs.ticks()) {
                    int x = px(xs, tick);
                    g.setColor(Color.DARK_GRAY);
                    String text = format(tick);
                    g.drawString(text, x - metrics.stringWidth(text) / 2, HEIGHT - BOTTOM + 18);
                }
                g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT) / 2 - metrics.stringWidth(xLabel) / 2, HEIGHT - BOTTOM + 40);
            }
            if (categories != null) {
                double groupWidth = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, categories.size());
                AffineTransform original = g.getTransform();
                for (int c = 0; c < categories.size(); c++) {
                    int x = (int) (LEFT + c * groupWidth + groupWidth / 2);
                    g.setTransform(original);
                    g.translate(x, HEIGHT - BOTTOM + 12);
                    g.rotate(Math.toRadians(25));
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(categories.get(c), 0, 0);
                }
                g.setTransform(original);
            }
            g.setColor(Color.BLACK);
            g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
            g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
            AffineTransform original = g.getTransform();
            g.translate(22, TOP + (HEIGHT - TOP - BOTTOM) / 2 + metrics.stringWidth(yLabel) / 2);
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, 0, 0);
            g.setTransform(original);
        }

        void legend(List<String> names) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int x = LEFT;
            int y = HEIGHT - 30;
            for (int i = 0; i < names.size(); i++) {
                g.setColor(PALETTE[i % PALETTE.length]);
                g.fillRect(x, y - 10, 14, 10);
                g.setColor(Color.BLACK);
                g.drawString(names.get(i), x + 20, y);
                x += 30 + g.getFontMetrics().stringWidth(names.get(i));
            }
        }

        void write(Path file) throws IOException {
            g.dispose();
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        }

        private static String format(double v) {
            if (v >= 1_000_000) {
                return String.format(Locale.ROOT, "%.0fM", v / 1_000_000);
            }
            if (v >= 10_000) {
                return String.format(Locale.ROOT, "%.0fk", v / 1000);
            }
            if (v >= 1 || v == 0) {
                return String.format(Locale.ROOT, "%.0f", v);
            }
            return String.format(Locale.ROOT, "%.2g", v);
        }
    }
}
