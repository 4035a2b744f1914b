package app.earshot.feed;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the podcast's default cover art with Java2D when the author gives none: the site's title in large white
 * bold type on a dark navy square (contrast about 15:1), the organisation below it, 1400 pixels a side, RGB PNG,
 * which is what Apple Podcasts asks for (square, 1400 to 3000 pixels, RGB, PNG or JPEG).
 */
public final class CoverArt {
    public static final int PIXELS = 1400;
    /** Part of the cache key: a change to the drawing must change it. */
    public static final String VERSION = "cover-art-1";
    static final Color BACKGROUND = new Color(0x10, 0x25, 0x3f);
    static final Color TEXT = Color.WHITE;
    private static final int MARGIN = 130;

    private CoverArt() {}

    /** The art for {@code title} and {@code organisation} as PNG bytes; the same words give the same image. */
    public static byte[] png(String title, String organisation) {
        BufferedImage image = new BufferedImage(PIXELS, PIXELS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, PIXELS, PIXELS);
            g.setColor(TEXT);
            int width = PIXELS - 2 * MARGIN;
            // The largest type at which the title fits in five lines.
            int size = 200;
            List<String> lines;
            while (true) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
                lines = wrap(title, g.getFontMetrics(), width);
                if (lines.size() <= 5 && lines.stream().allMatch(l -> g.getFontMetrics().stringWidth(l) <= width) || size <= 48) break;
                size -= 8;
            }
            FontMetrics metrics = g.getFontMetrics();
            int lineHeight = (int) (metrics.getHeight() * 1.05);
            int y = (PIXELS - lineHeight * lines.size()) / 2 - 60 + metrics.getAscent();
            for (String line : lines) {
                g.drawString(line, MARGIN, y);
                y += lineHeight;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 64));
            g.fillRect(MARGIN, PIXELS - MARGIN - 150, 160, 12);
            g.drawString(organisation, MARGIN, PIXELS - MARGIN - 40);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing PNG to memory", e);
        }
        return out.toByteArray();
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) lines.add(line.toString());
        return lines;
    }
}
