package app.earshot.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every language's {@link Messages}: the bundled catalogues ({@code messages/en.properties}, {@code es.properties})
 * and the site's own ({@code content/messages/<tag>.properties}, which add a language or change bundled words).
 * Files are read as UTF-8. English is the fallback of every other language.
 */
public final class Catalogues {
    /** The language every catalogue falls back to, and the one {@code check} compares the others with. */
    public static final String ENGLISH = "en";
    /** The languages shipped inside the server. */
    public static final List<String> BUNDLED = List.of("en", "es");

    private final Map<String, Messages> byLanguage;
    private final Map<String, Source> sources;

    /** Where a language's words came from, for {@code check}'s messages: a file name and its lines by key. */
    public record Source(String file, Map<String, Integer> lines) {}

    private Catalogues(Map<String, Messages> byLanguage, Map<String, Source> sources) {
        this.byLanguage = Map.copyOf(byLanguage);
        this.sources = Map.copyOf(sources);
    }

    private static final Catalogues BUNDLED_ONLY = load(null);

    /** The bundled catalogues alone. */
    public static Catalogues bundled() {
        return BUNDLED_ONLY;
    }

    /**
     * The bundled catalogues with the site's own from {@code siteMessages} (a folder of {@code <tag>.properties}
     * files; absent or null means none) laid over them key by key.
     */
    public static Catalogues load(Path siteMessages) {
        Map<String, Map<String, String>> words = new TreeMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (String tag : BUNDLED) {
            String resource = "messages/" + tag + ".properties";
            try (InputStream in = Catalogues.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("the bundled catalogue " + resource + " is missing");
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                words.put(tag, new LinkedHashMap<>(parse(text)));
                sources.put(tag, new Source("src/main/resources/" + resource, lines(text)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (siteMessages != null && Files.isDirectory(siteMessages)) {
            try (var files = Files.list(siteMessages)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    // Hidden files are an editor's or a Mac's (._en.properties), not catalogues.
                    if (!name.endsWith(".properties") || name.startsWith(".") || !Files.isRegularFile(file)) continue;
                    String tag = name.substring(0, name.length() - ".properties".length());
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Map<String, String> own = parse(text);
                    boolean added = !words.containsKey(tag);
                    words.computeIfAbsent(tag, t -> new LinkedHashMap<>()).putAll(own);
                    // A site's new language is checked against its own file; a bundled one keeps its bundled keys.
                    if (added) sources.put(tag, new Source(file.toString(), lines(text)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Messages english = new Messages(ENGLISH, words.get(ENGLISH), null);
        Map<String, Messages> all = new LinkedHashMap<>();
        for (var e : words.entrySet()) {
            all.put(e.getKey(), e.getKey().equals(ENGLISH) ? english : new Messages(e.getKey(), e.getValue(), english));
        }
        return new Catalogues(all, sources);
    }

    /**
     * The catalogue for {@code tag}: the exact tag, else its primary language ("es" for "es-MX"), else English.
     */
    public Messages forLanguage(String tag) {
        if (tag != null) {
            Messages exact = byLanguage.get(tag);
            if (exact != null) return exact;
            Messages primary = byLanguage.get(tag.split("-", 2)[0].toLowerCase(Locale.ROOT));
            if (primary != null) return primary;
        }
        return byLanguage.get(ENGLISH);
    }

    /** True when {@code tag} (or its primary language) has a catalogue of its own. */
    public boolean has(String tag) {
        return byLanguage.containsKey(tag) || byLanguage.containsKey(tag.split("-", 2)[0].toLowerCase(Locale.ROOT));
    }

    /**
     * What {@code check} reports for a language the site lists: the English keys its catalogue lacks, each as
     * "file:line: missing message key 'k' (English has it)", with the line of the key after which it belongs (or 1).
     * A language with no catalogue at all is reported once, naming the file to create.
     */
    public List<String> problems(String tag, Path siteMessages) {
        List<String> out = new ArrayList<>();
        String own = byLanguage.containsKey(tag) ? tag : tag.split("-", 2)[0].toLowerCase(Locale.ROOT);
        if (!byLanguage.containsKey(own)) {
            Path file = siteMessages == null ? Path.of("content", "messages", tag + ".properties")
                    : siteMessages.resolve(tag + ".properties");
            out.add(file + ":1: no message catalogue for language '" + tag + "' (site.yaml lists it): create it with every"
                    + " message English has translated (docs/content-format.md, \"Adding a language\")");
            return out;
        }
        if (own.equals(ENGLISH)) return out;
        Messages english = byLanguage.get(ENGLISH);
        Messages lang = byLanguage.get(own);
        Source source = sources.get(own);
        for (String key : new TreeMap<>(sources.get(ENGLISH).lines()).keySet()) {
            if (!lang.keys().contains(key)) {
                out.add(source.file() + ":1: missing message key '" + key + "' (English: \"" + english.get(key) + "\")");
            }
        }
        out.sort(null);
        return out;
    }

    /** The languages with a catalogue. */
    public java.util.Set<String> languages() {
        return byLanguage.keySet();
    }

    private static Map<String, String> parse(String text) {
        Properties p = new Properties();
        try (Reader r = new java.io.StringReader(text)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) out.put(k, p.getProperty(k));
        return out;
    }

    /** Each key's line number (1-based), for messages that name a file and line. */
    private static Map<String, Integer> lines(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) continue;
            int end = 0;
            while (end < line.length() && "=: \t".indexOf(line.charAt(end)) < 0) end++;
            out.putIfAbsent(line.substring(0, end), i + 1);
        }
        return out;
    }
}
