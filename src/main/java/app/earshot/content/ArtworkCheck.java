package app.earshot.content;

import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks podcast cover art as Apple Podcasts publishes its rules: square, 1400 to 3000 pixels a side, PNG or JPEG, RGB
 * colour (no transparency, no greyscale or CMYK). Reads only the image header, so a large file costs little.
 */
final class ArtworkCheck {
    static final int MIN_PIXELS = 1400;
    static final int MAX_PIXELS = 3000;

    private ArtworkCheck() {}

    /** The artwork at {@code file}, or empty with a "file:1: message" problem added for each rule it breaks. */
    static Optional<PodcastSettings.Artwork> check(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ":1: podcast artwork not found");
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                problems.add(file + ":1: podcast artwork must be a PNG or JPEG image");
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                String type = format.equals("png") ? "image/png" : format.startsWith("jp") ? "image/jpeg" : null;
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int before = problems.size();
                if (type == null) problems.add(file + ":1: podcast artwork is " + format + "; it must be PNG or JPEG");
                if (width != height) problems.add(file + ":1: podcast artwork is " + width + "x" + height + " pixels; it must be square");
                if (Math.max(width, height) < MIN_PIXELS || Math.max(width, height) > MAX_PIXELS) {
                    problems.add(file + ":1: podcast artwork is " + width + " pixels wide; it must be " + MIN_PIXELS + " to "
                            + MAX_PIXELS);
                }
                ImageTypeSpecifier spec = reader.getRawImageType(0);
                if (spec == null && reader.getImageTypes(0).hasNext()) spec = reader.getImageTypes(0).next();
                ColorModel colours = spec == null ? null : spec.getColorModel();
                if (colours == null || colours.getColorSpace().getType() != ColorSpace.TYPE_RGB) {
                    problems.add(file + ":1: podcast artwork must be in RGB colour (not greyscale or CMYK)");
                } else if (colours.hasAlpha()) {
                    problems.add(file + ":1: podcast artwork must not be transparent");
                }
                return problems.size() == before ? Optional.of(new PodcastSettings.Artwork(file, type, width)) : Optional.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            problems.add(file + ":1: podcast artwork cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
