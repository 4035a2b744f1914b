package app.earshot.epub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.App;
import app.earshot.content.Page;
import com.adobe.epubcheck.api.MasterReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The talking book of the Spanish fixture page (src/test/resources/site-es): in Spanish, and valid to EPUBCheck. */
class LanguageBookTest {
    static final Path SITE = app.earshot.Fixture.BILINGUAL;
    static byte[] book;
    static Map<String, Document> entries = new LinkedHashMap<>();

    @BeforeAll
    static void make() throws Exception {
        App.Content content = App.load(SITE);
        Page page = content.site().pages().stream().filter(p -> p.slug().equals("acerca-de-la-ketamina")).findFirst().orElseThrow();
        app.earshot.snapshot.Snapshot now = App.snapshot(content);
        book = TalkingBook.of(Books.NARRATOR).book(now.voicing(), now.messages("es"), content.site(), page).audio().readAllBytes();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(book))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".opf") || e.getName().endsWith(".xhtml")) {
                    entries.put(e.getName(), Jsoup.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "", Parser.xmlParser()));
                }
            }
        }
    }

    static Document opf() {
        return entries.entrySet().stream().filter(e -> e.getKey().endsWith(".opf")).findFirst().orElseThrow().getValue();
    }

    @Test
    void theBooksLanguageIsThePagesLanguage() {
        assertEquals(List.of("es", "es"), List.of(opf().selectFirst("dc|language").text(), opf().selectFirst("package").attr("xml:lang")));
    }

    @Test
    void everyContentDocumentIsMarkedSpanish() {
        List<String> wrong = new ArrayList<>();
        entries.forEach((name, doc) -> {
            if (!name.endsWith(".xhtml")) return;
            if (!doc.selectFirst("html").attr("lang").equals("es") || !doc.selectFirst("html").attr("xml:lang").equals("es")) wrong.add(name);
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theBooksOwnWordsAreSpanish() {
        Document nav = entries.get("EPUB/nav.xhtml");
        assertEquals(List.of("Contenido \u2013 Acerca de la ketamina", "Voz sintética (eSpeak NG)"),
                List.of(nav.selectFirst("title").text(), opf().selectFirst("meta[property=media:narrator]").text()));
    }

    /** The page is a translation no medical translator has reviewed: the book says so where the web page does. */
    @Test
    void theFirstChapterSaysRightAfterItsHeadingThatTheTranslationIsUnreviewed() {
        List<String> notices = new ArrayList<>();
        entries.forEach((name, doc) -> doc.select(".translation-notice").forEach(p -> notices.add(name + ": " + p.text())));
        String idref = opf().selectFirst("spine itemref").attr("idref");
        String first = "EPUB/" + opf().selectFirst("manifest item[id=" + idref + "]").attr("href");
        assertEquals(List.of(first + ": " + app.earshot.messages.Catalogues.bundled().forLanguage("es").get("translation.unreviewed")), notices);
        org.jsoup.nodes.Element notice = entries.get(first).selectFirst(".translation-notice");
        assertEquals("h1", notice.previousElementSibling().tagName());
        assertEquals("note", notice.attr("role"));
    }

    @Test
    void theSpanishBookPassesEpubcheckWithoutErrors() throws Exception {
        Path file = Path.of("target", "acerca-de-la-ketamina.epub");
        Files.write(file, book);
        List<String> problems = new ArrayList<>();
        MasterReport report = EpubCheckTest.check(file, problems);
        assertEquals(0, report.getFatalErrorCount() + report.getErrorCount(), String.join("\n", problems));
    }
}
