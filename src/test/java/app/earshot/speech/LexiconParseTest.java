package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fixture starts with the XML declaration on line 1 and the lexicon start tag on line 2. */
class LexiconParseTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\" alphabet=\"ipa\" xml:lang=\"en-US\">\n";

    @TempDir
    Path dir;

    private Path write(String xml) throws IOException {
        return Files.writeString(dir.resolve("lexicon.pls"), xml);
    }

    private List<String> problems(Path file) {
        return assertThrows(LexiconException.class, () -> Lexicon.parse(file)).problems();
    }

    @Test
    void readsGraphemesAndTheirAlias() throws IOException {
        Path file = write(HEAD + "<lexeme><grapheme>OCD</grapheme><grapheme>O.C.D.</grapheme><alias>O-C-D</alias></lexeme>\n</lexicon>");
        assertEquals("O-C-D and O-C-D", Lexicon.parse(file).apply("OCD and O.C.D."));
    }

    @Test
    void preferredAliasWins() throws IOException {
        Path file = write(HEAD + "<lexeme><grapheme>FDA</grapheme><alias>F D A</alias><alias prefer=\"true\">F-D-A</alias></lexeme></lexicon>");
        assertEquals("F-D-A", Lexicon.parse(file).apply("FDA"));
    }

    @Test
    void phonemeOnlyLexemeIsAcceptedButNotApplied() throws IOException {
        Path file = write(HEAD + "<lexeme><grapheme>ketamine</grapheme><phoneme>ˈkɛtəmiːn</phoneme></lexeme></lexicon>");
        assertEquals("ketamine", Lexicon.parse(file).apply("ketamine"));
    }

    @Test
    void fingerprintChangesWhenTheFileChangesAnAlias() throws IOException {
        String before = Lexicon.parse(write(HEAD + "<lexeme><grapheme>FDA</grapheme><alias>F-D-A</alias></lexeme></lexicon>")).fingerprint();
        String after = Lexicon.parse(write(HEAD + "<lexeme><grapheme>FDA</grapheme><alias>eff dee ay</alias></lexeme></lexicon>")).fingerprint();
        assertNotEquals(before, after);
    }

    @Test
    void notWellFormedXmlIsReportedAtItsLine() throws IOException {
        Path file = write(HEAD + "<lexeme>\n<grapheme>FDA</grapheme>\n</lexicon>");
        assertEquals(List.of(file + ":5: not well-formed XML: The element type \"lexeme\" must be terminated by the matching end-tag \"</lexeme>\"."),
                problems(file));
    }

    @Test
    void wrongRootElementIsReported() throws IOException {
        Path file = write("<?xml version=\"1.0\"?>\n<lexicon version=\"1.0\" alphabet=\"ipa\" xml:lang=\"en\"/>");
        assertEquals(List.of(file + ":2: root element is <lexicon> in no namespace, expected <lexicon> in namespace "
                + "http://www.w3.org/2005/01/pronunciation-lexicon"), problems(file));
    }

    @Test
    void missingVersionIsReported() throws IOException {
        Path file = write(HEAD.replace("version=\"1.0\" xmlns", "xmlns") + "</lexicon>");
        assertEquals(List.of(file + ":2: <lexicon> has no version attribute; PLS 1.0 needs version=\"1.0\""), problems(file));
    }

    @Test
    void unsupportedVersionIsReported() throws IOException {
        Path file = write(HEAD.replace("version=\"1.0\" xmlns", "version=\"2.0\" xmlns") + "</lexicon>");
        assertEquals(List.of(file + ":2: <lexicon> version is \"2.0\"; only \"1.0\" is supported"), problems(file));
    }

    @Test
    void missingLanguageAndAlphabetAreReported() throws IOException {
        Path file = write(HEAD.replace(" alphabet=\"ipa\" xml:lang=\"en-US\"", "") + "</lexicon>");
        assertEquals(List.of(file + ":2: <lexicon> has no xml:lang attribute", file + ":2: <lexicon> has no alphabet attribute"),
                problems(file));
    }

    @Test
    void lexemeWithoutGraphemeIsReported() throws IOException {
        Path file = write(HEAD + "\n<lexeme><alias>F-D-A</alias></lexeme>\n</lexicon>");
        assertEquals(List.of(file + ":4: <lexeme> has no <grapheme>"), problems(file));
    }

    @Test
    void lexemeWithoutAliasOrPhonemeIsReported() throws IOException {
        Path file = write(HEAD + "<lexeme><grapheme>FDA</grapheme></lexeme>\n</lexicon>");
        assertEquals(List.of(file + ":3: <lexeme> has neither <alias> nor <phoneme>"), problems(file));
    }

    @Test
    void emptyGraphemeIsReported() throws IOException {
        Path file = write(HEAD + "<lexeme>\n<grapheme>  </grapheme>\n<alias>F-D-A</alias></lexeme></lexicon>");
        assertEquals(List.of(file + ":4: empty <grapheme>"), problems(file));
    }

    @Test
    void emptyAliasIsReported() throws IOException {
        Path file = write(HEAD + "<lexeme>\n<grapheme>FDA</grapheme>\n<alias/></lexeme></lexicon>");
        assertEquals(List.of(file + ":5: empty <alias>"), problems(file));
    }

    @Test
    void graphemeDefinedTwiceIsReportedWithBothLines() throws IOException {
        Path file = write(HEAD + "<lexeme><grapheme>FDA</grapheme><alias>F-D-A</alias></lexeme>\n"
                + "<lexeme><grapheme>FDA</grapheme><alias>eff dee ay</alias></lexeme>\n</lexicon>");
        assertEquals(List.of(file + ":4: grapheme \"FDA\" is already defined at line 3"), problems(file));
    }

    @Test
    void misspelledElementIsReported() throws IOException {
        Path file = write(HEAD + "<lexem><grapheme>FDA</grapheme></lexem>\n</lexicon>");
        assertEquals(List.of(file + ":3: unexpected element <lexem> in <lexicon>"), problems(file));
    }

    @Test
    void everyProblemInAFileIsReportedInFileOrder() throws IOException {
        Path file = write(HEAD + "<lexeme><alias>x</alias></lexeme>\n<lexeme><grapheme>FDA</grapheme></lexeme>\n</lexicon>");
        assertEquals(List.of(file + ":3: <lexeme> has no <grapheme>", file + ":4: <lexeme> has neither <alias> nor <phoneme>"),
                problems(file));
    }

    @Test
    void relativePathIsReportedAsGiven() {
        Path file = Path.of("src/test/resources/lexicon/unclosed.pls");
        assertEquals(List.of("src/test/resources/lexicon/unclosed.pls:6: not well-formed XML: "
                + "XML document structures must start and end within the same entity."), problems(file));
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("absent.pls");
        assertEquals(List.of(file + ": cannot read: no such file"), problems(file));
    }

    @Test
    void externalEntitiesAreNeverLoaded() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "leaked");
        Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE lexicon [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + HEAD.substring(HEAD.indexOf('\n') + 1) + "<lexeme><grapheme>FDA</grapheme><alias>&x;</alias></lexeme></lexicon>");
        assertEquals(List.of(file + ":4: not well-formed XML: The entity \"x\" was referenced, but not declared."), problems(file));
    }
}
