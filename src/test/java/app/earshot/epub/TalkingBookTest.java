package app.earshot.epub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.Mp3;
import app.earshot.content.Block;
import app.earshot.content.Section;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TalkingBookTest {
    static final Map<String, byte[]> FILES = unzip(Books.BOOK);

    static Map<String, byte[]> unzip(byte[] epub) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(epub))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) files.put(e.getName(), zip.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    static Document xml(String name) {
        assertTrue(FILES.containsKey(name), "missing " + name);
        return Jsoup.parse(new String(FILES.get(name), StandardCharsets.UTF_8), "", Parser.xmlParser());
    }

    /** The package document's overlays: SMIL path (in the ZIP) by manifest id. */
    static Map<String, String> overlays() {
        Map<String, String> smil = new LinkedHashMap<>();
        for (Element item : xml("EPUB/package.opf").select("manifest > item[media-type=application/smil+xml]")) {
            smil.put(item.id(), "EPUB/" + item.attr("href"));
        }
        return smil;
    }

    static double clock(String value) {
        String[] parts = value.split(":");
        return Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Double.parseDouble(parts[2]);
    }

    static double mp3Seconds(String name) throws IOException {
        return Mp3.inspect(FILES.get(name)).seconds();
    }

    static String resolve(String base, String href) {
        return Path.of(base).getParent().resolve(href).normalize().toString();
    }

    @Test
    void firstEntryIsAnUncompressedMimetypeWithoutExtraField() {
        ByteBuffer head = ByteBuffer.wrap(Books.BOOK).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x04034b50, head.getInt(0));
        assertEquals(0, head.getShort(8), "compression method: stored");
        assertEquals(0, head.getShort(28), "extra field length");
        assertEquals("mimetypeapplication/epub+zip", new String(Books.BOOK, 30, 28, StandardCharsets.US_ASCII));
    }

    @Test
    void everyParPointsToAnExistingIdAndAudioWithClipsInOrderInsideTheAudio() throws IOException {
        for (String smil : overlays().values()) {
            double previousEnd = 0;
            String audio = null;
            for (Element par : xml(smil).select("par")) {
                String[] text = par.selectFirst("text").attr("src").split("#");
                Document doc = xml(resolve(smil, text[0]));
                assertNotNull(doc.getElementById(text[1]), smil + " -> " + text[0] + "#" + text[1]);
                Element clip = par.selectFirst("audio");
                audio = resolve(smil, clip.attr("src"));
                assertTrue(FILES.containsKey(audio), audio);
                double begin = Double.parseDouble(clip.attr("clipBegin").replace("s", ""));
                double end = Double.parseDouble(clip.attr("clipEnd").replace("s", ""));
                assertTrue(begin >= previousEnd - 1e-9 && end >= begin, smil + ": " + begin + " -> " + end);
                previousEnd = end;
            }
            assertTrue(previousEnd <= mp3Seconds(audio) + 1e-9, smil + " ends after its audio");
            assertTrue(previousEnd > mp3Seconds(audio) - 0.01, smil + " leaves the end of its audio unplayed");
        }
    }

    @Test
    void mediaDurationsAreTheMp3Durations() throws IOException {
        Document opf = xml("EPUB/package.opf");
        double sum = 0;
        for (Map.Entry<String, String> overlay : overlays().entrySet()) {
            String audio = resolve(overlay.getValue(), xml(overlay.getValue()).selectFirst("audio").attr("src"));
            Element duration = opf.selectFirst("meta[property=media:duration][refines=#" + overlay.getKey() + "]");
            assertEquals(mp3Seconds(audio), clock(duration.text()), 0.1, overlay.getKey());
            sum += mp3Seconds(audio);
        }
        assertEquals(sum, clock(opf.selectFirst("meta[property=media:duration]:not([refines])").text()), 0.1);
        assertEquals(Books.page().sections().size(), overlays().size());
    }

    @Test
    void everyReadBlockOfThePageIsSynchronised() {
        Set<String> targets = new HashSet<>();
        for (String smil : overlays().values()) {
            for (Element text : xml(smil).select("par > text")) targets.add(resolve(smil, text.attr("src")));
        }
        for (String name : FILES.keySet()) {
            if (!name.startsWith("EPUB/text/")) continue;
            for (Element block : xml(name).select("h1, h2, h3, p, li, caption, tbody > tr")) {
                boolean synced = targets.contains(name + "#" + block.id())
                        || block.select("span.sentence").stream().anyMatch(s -> targets.contains(name + "#" + s.id()));
                assertTrue(synced, name + ": not synchronised: " + block.outerHtml());
            }
        }
    }

    @Test
    void sentencesOfRunningTextAreSynchronisedOneByOne() {
        Document doc = xml("EPUB/text/about-ketamine.xhtml");
        List<String> sentences = doc.select("p > span.sentence").eachText();
        assertEquals(List.of("Call or text 988 to reach the 988 Suicide & Crisis Lifeline, at any time of day or night (United States).",
                "If you are in immediate danger, call 911.",
                "Ketamine is a medication that was first developed in the 1960s as an anesthetic.",
                "It has been safely used in medical settings for over 50 years.",
                "In recent years, researchers discovered that ketamine has remarkable antidepressant properties, particularly for patients who haven't responded to traditional treatments.",
                "Unlike traditional antidepressants that can take weeks or months to show effects, ketamine often provides relief within hours or days of treatment.",
                "This makes it particularly valuable for patients experiencing severe depression or suicidal thoughts."), sentences);
        // The heading, the care callout's title, then one per sentence.
        assertEquals(2 + sentences.size(), xml("EPUB/overlays/about-ketamine.smil").select("par").size());
    }

    @Test
    void textHasEveryHeadingTheTableAndTheStatisticsAsWritten() {
        StringBuilder all = new StringBuilder();
        List<String> headings = new ArrayList<>();
        for (String name : FILES.keySet()) {
            if (!name.startsWith("EPUB/text/")) continue;
            Document doc = xml(name);
            all.append(doc.text()).append('\n');
            headings.addAll(doc.select("h1, h2, h3").eachText());
        }
        for (Section section : Books.page().sections()) {
            if (!section.introduction()) assertTrue(headings.contains(section.heading()), section.heading());
            for (Block block : section.blocks()) {
                if (block instanceof Block.Heading h) assertTrue(headings.contains(h.text()), h.text());
            }
        }
        assertTrue(headings.contains(Books.page().title()));
        Element table = xml("EPUB/text/ketamine-vs-traditional-antidepressants.xhtml").selectFirst("table");
        assertEquals("How ketamine therapy compares with traditional antidepressants", table.selectFirst("caption").text());
        assertEquals(List.of("Factor", "Traditional Antidepressants", "Ketamine Therapy"), table.select("thead th[scope=col]").eachText());
        assertEquals(5, table.select("tbody th[scope=row]").size());
        assertEquals("4-6 weeks or longer", table.select("tbody tr").first().select("td").first().text());
        assertEquals(List.of("70%", "24hrs", "500+"), xml("EPUB/text/research-evidence.xhtml").select("li > strong").eachText());
        assertFalse(all.toString().contains("70 percent"), "the written text, not the spoken one");
    }

    @Test
    void navigationListsEverySectionAndSubHeading() {
        Document nav = xml("EPUB/nav.xhtml");
        Element toc = nav.selectFirst("nav[epub:type=toc]");
        assertEquals(Books.page().sections().size(), toc.select("> ol > li").size());
        for (Element link : toc.select("a")) {
            String[] href = link.attr("href").split("#");
            Document target = xml("EPUB/" + href[0]);
            if (href.length > 1) assertEquals(link.text(), target.getElementById(href[1]).text());
        }
        assertEquals(List.of("NMDA Receptor Blockade", "Neuroplasticity", "Rapid Relief"),
                toc.select("a[href^=text/how-does-ketamine-work.xhtml#]").eachText());
    }

    @Test
    void packageCarriesAccessibilityMetadata() {
        Document opf = xml("EPUB/package.opf");
        assertEquals(List.of("textual", "auditory"), opf.select("meta[property=schema:accessMode]").eachText());
        assertTrue(opf.select("meta[property=schema:accessibilityFeature]").eachText().contains("synchronizedAudioText"));
        assertEquals("none", opf.selectFirst("meta[property=schema:accessibilityHazard]").text());
        assertEquals(Fixture.frontMatter("reviewed") + "T00:00:00Z", opf.selectFirst("meta[property=dcterms:modified]").text());
        assertEquals(TalkingBook.identifier(Books.page()), opf.selectFirst("dc|identifier").text());
    }

    @Test
    void sameContentGivesIdenticalBytesEvenWhenAllAudioIsMadeAgain(@TempDir Path cache) {
        var narrator = App.narrator(cache, TestServer.SYNTHESIZER);
        assertArrayEquals(Books.BOOK, TalkingBook.of(narrator).write(App.snapshot(Books.CONTENT).voicing(),
                App.snapshot(Books.CONTENT).messages(Books.page().language()), Books.site(), Books.page()));
    }
}
