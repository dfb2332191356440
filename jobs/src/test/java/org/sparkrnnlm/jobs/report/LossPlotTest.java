package org.sparkrnnlm.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir Path dir;

    private static List<MetricsRecord> curve() {
        return List.of(
                new MetricsRecord(1, 10_000, 6.0, 0.1, 4000, 10),
                new MetricsRecord(1, 20_000, 5.2, 0.1, 4000, 20),
                new MetricsRecord(2, 30_000, 4.9, 0.05, 4000, 30),
                new MetricsRecord(2, 40_000, 4.7, 0.05, 4000, 40),
                new MetricsRecord(3, 50_000, 4.65, 0.025, 4000, 50));
    }

    private static BufferedImage render(List<MetricsRecord> records) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LossPlot.write(records, "loss", bytes);
        byte[] png = bytes.toByteArray();
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a decodable PNG");
        return image;
    }

    @Test
    void writesAnOnScreenSizedNonBlankPng() throws Exception {
        Path file = dir.resolve("loss.png");
        try (OutputStream out = Files.newOutputStream(file)) {
            LossPlot.write(curve(), "training loss", out);
        }
        byte[] png = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(distinctPixels(image) > 1, "image is blank");
    }

    @Test
    void emptyAndSinglePointCurvesStillGiveValidPngs() throws Exception {
        assertEquals(800, render(List.of()).getWidth());
        assertEquals(800, render(curve().subList(0, 1)).getWidth());
    }

    private static long distinctPixels(BufferedImage image) {
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .distinct().limit(2).count();
    }
}
