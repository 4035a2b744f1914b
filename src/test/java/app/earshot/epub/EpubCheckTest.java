package app.earshot.epub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.adobe.epubcheck.api.EPUBLocation;
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.messages.Message;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The W3C's EPUBCheck, run on the bundled page's book: the conformance oracle for everything the book contains. */
class EpubCheckTest {

    @Test
    void bundledBookPassesEpubcheckWithoutErrors() throws Exception {
        Path file = Path.of("target", "what-is-ketamine.epub");
        Files.write(file, Books.BUNDLED);
        List<String> problems = new ArrayList<>();
        DefaultReportImpl report = new DefaultReportImpl(file.toString()) {
            @Override
            public void message(Message message, EPUBLocation location, Object... args) {
                super.message(message, location, args);
                problems.add(message.getSeverity() + " " + message.getID() + " " + location + ": " + message.getMessage(args));
            }
        };
        new EpubCheck(file.toFile(), report).doValidate();
        System.out.println("EPUBCheck " + EpubCheck.version() + ": " + report.getErrorCount() + " errors, "
                + report.getFatalErrorCount() + " fatal, " + report.getWarningCount() + " warnings");
        problems.forEach(System.out::println);
        assertEquals(0, report.getFatalErrorCount() + report.getErrorCount(), String.join("\n", problems));
    }
}
