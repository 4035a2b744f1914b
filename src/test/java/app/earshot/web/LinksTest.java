package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.content.ContentLoader;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LinksTest {

    @Test
    void audioUrlsAreRootRelativeOrUnderTheBase() throws Exception {
        Page page = new ContentLoader().load(Path.of("src/test/resources/site")).pages().get(0);
        Section section = page.sections().get(1);
        assertEquals("/audio/" + page.slug(), Links.relative().audio(page));
        assertEquals("/audio/" + page.slug() + "/" + section.id(), Links.relative().audio(page, section));
        assertEquals("https://clinic.example/audio/" + page.slug() + "/" + section.id(),
                new Links("https://clinic.example").audio(page, section));
    }
}
