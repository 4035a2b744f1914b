package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtworkCheckTest {
    @TempDir
    Path dir;

    List<String> problems(int width, int height, int type, String format) throws Exception {
        Path file = dir.resolve("art." + format);
        ImageIO.write(new BufferedImage(width, height, type), format, file.toFile());
        List<String> problems = new ArrayList<>();
        ArtworkCheck.check(file, problems);
        return problems;
    }

    @Test
    void squareRgbPngOrJpegOf1400To3000PixelsPasses() throws Exception {
        assertEquals(List.of(), problems(1400, 1400, BufferedImage.TYPE_INT_RGB, "png"));
        assertEquals(List.of(), problems(3000, 3000, BufferedImage.TYPE_INT_RGB, "jpg"));
    }

    @Test
    void eachBrokenRuleIsNamed() throws Exception {
        assertTrue(problems(1400, 1500, BufferedImage.TYPE_INT_RGB, "png").get(0).endsWith("it must be square"));
        assertTrue(problems(1000, 1000, BufferedImage.TYPE_INT_RGB, "png").get(0).endsWith("it must be 1400 to 3000"));
        assertTrue(problems(3001, 3001, BufferedImage.TYPE_INT_RGB, "png").get(0).endsWith("it must be 1400 to 3000"));
        assertTrue(problems(1400, 1400, BufferedImage.TYPE_BYTE_GRAY, "png").get(0).contains("RGB"));
        assertTrue(problems(1400, 1400, BufferedImage.TYPE_INT_ARGB, "png").get(0).contains("transparent"));
        assertTrue(problems(1400, 1400, BufferedImage.TYPE_INT_RGB, "gif").get(0).contains("PNG or JPEG"));
    }

    @Test
    void checkReportsBadArtworkInSiteYamlWithItsLine() throws Exception {
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/a.md"), "---\ntitle: A\nsummary: s\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n---\nHello.\n");
        ImageIO.write(new BufferedImage(500, 500, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("small.png").toFile());
        Files.writeString(dir.resolve("site.yaml"), "title: T\nlanguage: en\norganisation: O\npodcast:\n  artwork: small.png\n  email: nobody\n");
        ContentException e = org.junit.jupiter.api.Assertions.assertThrows(ContentException.class, () -> new ContentLoader().load(dir));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("small.png:1: podcast artwork is 500 pixels wide")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("site.yaml:6: podcast email 'nobody'")), e.problems().toString());
    }
}
