package app.earshot;

import app.earshot.content.ContentException;
import app.earshot.content.Page;
import app.earshot.pronunciation.GuessedWord;
import app.earshot.pronunciation.PageReport;
import app.earshot.pronunciation.PlsSnippet;
import app.earshot.pronunciation.SpeechCheck;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.SynthesisException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code check --speech}: the words on every page the voice would guess, with {@code file:line}, count, phones and a
 * checked lexicon entry. Warnings (exit 0) unless {@code --strict} (exit 1 when any); text or {@code --format json}.
 */
final class SpeechCheckCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpeechCheckCommand() {}

    static int run(CommandLine cli, Path contentDir, PrintStream out, PrintStream err) throws ContentException {
        String format = cli.options().getOrDefault("format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, not '" + format + "'");
        }
        App.Content content = App.load(contentDir);
        List<PageReport> reports = new ArrayList<>();
        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer(1, java.time.Duration.ofSeconds(60))) {
            SpeechCheck check = new SpeechCheck(synthesizer, content.site().speech().voice());
            for (Page page : content.site().pages()) {
                // The report asks FreeTTS's dictionary and letter-to-sound rules: it speaks for English pages only.
                if (!app.earshot.content.Languages.isEnglish(page.language())) continue;
                Path file = sourceFile(contentDir, page);
                reports.add(check.check(page, App.scriptWriter(content), file.toString(), lines(file)));
            }
        } catch (SynthesisException e) {
            err.println("earshot: the voice could not be asked: " + e.getMessage());
            return 1;
        }
        int guessed = reports.stream().mapToInt(r -> r.words().size()).sum();
        if (format.equals("json")) {
            out.println(json(reports, guessed));
        } else {
            text(reports, contentDir, out);
            out.println(contentDir + ": " + guessed + " word(s) the voice would guess on " + reports.size() + " page(s)"
                    + (guessed == 0 ? "" : "; add the suggested entries to " + contentDir.resolve("lexicon.pls")
                    + " after listening to them (serve --preview)"));
        }
        long others = content.site().pages().stream().filter(p -> !app.earshot.content.Languages.isEnglish(p.language())).count();
        if (others > 0 && format.equals("text")) {
            out.println("note: " + others + " page(s) in other languages not checked: the report asks the English voice's"
                    + " dictionary; eSpeak NG voices read every word by their own rules (their lexicon aliases still apply)");
        }
        return cli.flag("strict") && guessed > 0 ? 1 : 0;
    }


    static Path sourceFile(Path contentDir, Page page) {
        return contentDir.normalize().resolve("pages").resolve(page.slug() + ".md");
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(); // reported without line numbers rather than not at all
        }
    }

    private static void text(List<PageReport> reports, Path contentDir, PrintStream out) {
        for (PageReport report : reports) {
            for (GuessedWord w : report.words()) {
                String where = report.file() + ":" + (w.lines().isEmpty() ? 1 : w.lines().get(0));
                String also = w.lines().size() > 1 ? ", also lines " + w.lines().subList(1, w.lines().size()).stream()
                        .map(String::valueOf).collect(Collectors.joining(", ")) : "";
                String suggestion = w.suggestion() == null ? "no respelling found; write an alias and listen to it"
                        : "suggest <alias>" + w.suggestion().alias() + "</alias> (" + w.suggestion().phones()
                        + (w.suggestion().fromDictionary() ? ", all from the dictionary)" : ", still partly guessed)");
                out.println(where + ": warning: \"" + w.word() + "\" is guessed by letter-to-sound rules ("
                        + times(w.count()) + also + "): " + w.phones() + "; " + suggestion);
            }
            String snippet = PlsSnippet.of(report.words());
            if (!snippet.isEmpty()) {
                out.println("Suggested entries for " + contentDir.resolve("lexicon.pls") + " (" + report.slug() + "):");
                out.print(snippet);
            }
        }
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }

    private static String json(List<PageReport> reports, int guessed) {
        List<Map<String, Object>> pages = new ArrayList<>();
        for (PageReport report : reports) {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("slug", report.slug());
            page.put("file", report.file());
            page.put("guessedWords", report.words());
            page.put("pls", PlsSnippet.of(report.words()));
            pages.add(page);
        }
        try {
            return JSON.writeValueAsString(Map.of("guessed", guessed, "pages", pages));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
