package app.earshot.epub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.epubcheck.api.EPUBLocation;
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.api.MasterReport;
import com.adobe.epubcheck.messages.Message;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The W3C's EPUBCheck, run on the fixture page's book: the conformance oracle for everything the book contains. */
class EpubCheckTest {

    @Test
    void fixtureBookPassesEpubcheckWithoutErrors() throws Exception {
        Path file = Path.of("target", "about-ketamine.epub");
        Files.write(file, Books.BOOK);
        List<String> problems = new ArrayList<>();
        MasterReport report = check(file, problems);
        System.out.println("EPUBCheck " + EpubCheck.version() + ": " + report.getErrorCount() + " errors, "
                + report.getFatalErrorCount() + " fatal, " + report.getWarningCount() + " warnings");
        problems.forEach(System.out::println);
        assertEquals(0, report.getFatalErrorCount() + report.getErrorCount(), String.join("\n", problems));
    }

    @Test
    void epubcheckCatchesAnOverlayPointingAtNoElement(@TempDir Path dir) throws Exception {
        // Proves the checker is live on this test classpath: a book with one broken reference must fail it.
        Path file = dir.resolve("broken.epub");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Books.BOOK));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("EPUB/overlays/introduction.smil")) {
                    data = new String(data, StandardCharsets.UTF_8).replaceFirst("#[a-z0-9-]+\"", "#no-such-id\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                ZipEntry copy = new ZipEntry(e.getName());
                if (e.getMethod() == ZipEntry.STORED) {
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(data.length);
                    copy.setCompressedSize(data.length);
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    copy.setCrc(crc.getValue());
                }
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        List<String> problems = new ArrayList<>();
        assertTrue(check(file, problems).getErrorCount() > 0, "no error reported");
        assertTrue(problems.stream().anyMatch(p -> p.contains("RSC-012") && p.contains("introduction.smil")), String.join("\n", problems));
    }

    /** Runs EPUBCheck on {@code file}, collecting one line per message (severity, id, location, text). */
    static MasterReport check(Path file, List<String> problems) {
        DefaultReportImpl report = new DefaultReportImpl(file.toString()) {
            @Override
            public void message(Message message, EPUBLocation location, Object... args) {
                super.message(message, location, args);
                problems.add(message.getSeverity() + " " + message.getID() + " " + location + ": " + message.getMessage(args));
            }
        };
        new EpubCheck(file.toFile(), report).doValidate();
        return report;
    }
}
