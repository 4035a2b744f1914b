package app.earshot.content;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks a content folder's {@code site.yaml}: title, language, organisation, description, speech settings,
 * base URL, podcast block, topics and languages. Problems are reported as {@code file:line: message}.
 */
final class SiteYaml {
    /** What site.yaml says; a list that has problems is null, so pages are not also blamed for it. */
    record Settings(String title, String language, String organisation, String description,
                    SpeechSettings speech, String baseUrl, PodcastSettings podcast, List<Topic> topics,
                    List<String> languages) {}

    private SiteYaml() {}

    /** Reads {@code file}; null (with the reasons in {@code problems}) when it is missing, unreadable or not YAML. */
    static Settings load(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ":1: site.yaml not found; it needs title, language and organisation");
            return null;
        }
        String text = ContentLoader.readUtf8(file, problems);
        if (text == null) return null;
        Map<String, Object> yaml = keyValues(file, text, problems);
        if (yaml == null) return null;
        String title = text(yaml.get("title"));
        if (title.isBlank()) problems.add(file + ":" + lineOf(text, "title") + ": missing title");
        String language = language(file, text, yaml.get("language"), problems);
        String organisation = text(yaml.get("organisation"));
        if (organisation.isBlank()) problems.add(file + ":" + lineOf(text, "organisation") + ": missing organisation");
        SpeechSettings speech = speech(file, text, yaml.get("speech"), problems);
        String baseUrl = baseUrl(file, text, yaml.get("base-url"), problems);
        List<Topic> topics = topics(file, text, language.strip(), yaml.get("topics"), problems);
        PodcastSettings podcast = podcast(file, text, yaml.get("podcast"), organisation.strip(), problems);
        List<String> languages = languages(file, text, language.strip(), yaml.get("languages"), problems);
        for (String tag : speech.voices().keySet()) {
            if (!languages.contains(tag)) {
                problems.add(file + ":" + lineOf(text, "voices") + ": speech voices names a voice for " + tag
                        + ", which is not one of the site's languages (" + String.join(", ", languages) + ")");
            }
        }
        return new Settings(title.strip(), language.strip(), organisation.strip(),
                text(yaml.get("description")).strip(), speech, baseUrl, podcast, topics, languages);
    }

    /** The file's top-level keys and values; null when it is not YAML key: value pairs. */
    private static Map<String, Object> keyValues(Path file, String text, List<String> problems) {
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (!(loaded instanceof Map<?, ?> map)) {
                problems.add(file + ":1: site.yaml must be key: value pairs");
                return null;
            }
            Map<String, Object> yaml = new HashMap<>();
            map.forEach((k, v) -> yaml.put(String.valueOf(k), v));
            return yaml;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(file + ":" + (mark == null ? 1 : mark.getLine() + 1) + ": broken YAML: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            problems.add(file + ":1: broken YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /** The site's {@code language} as written (a BCP 47 tag), reported when missing or malformed. */
    private static String language(Path file, String text, Object value, List<String> problems) {
        String language = text(value);
        if (language.isBlank()) {
            problems.add(file + ":" + lineOf(text, "language") + ": missing language (a BCP 47 tag such as en or en-GB)");
        } else {
            try {
                new Locale.Builder().setLanguageTag(language);
            } catch (IllformedLocaleException e) {
                problems.add(file + ":" + lineOf(text, "language") + ": language '" + language + "' is not a BCP 47 tag");
            }
        }
        return language;
    }

    /** The {@code base-url}, checked by {@link Site#checkBaseUrl}; empty when absent or refused. */
    private static String baseUrl(Path file, String text, Object value, List<String> problems) {
        if (value == null) return "";
        try {
            return Site.checkBaseUrl(text(value));
        } catch (IllegalArgumentException e) {
            problems.add(file + ":" + lineOf(text, "base-url") + ": " + e.getMessage());
            return "";
        }
    }

    /** The {@code podcast} block: {@code owner}, {@code email} and {@code artwork} (a file name in the content folder). */
    private static PodcastSettings podcast(Path file, String text, Object value, String organisation, List<String> problems) {
        if (value == null) return PodcastSettings.defaults(organisation);
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(file + ":" + lineOf(text, "podcast") + ": podcast must be a block with owner, email and artwork");
            return PodcastSettings.defaults(organisation);
        }
        String owner = text(map.get("owner")).strip();
        String email = text(map.get("email")).strip();
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(file + ":" + lineOf(text, "email") + ": podcast email '" + email + "' is not an e-mail address");
        }
        String artwork = text(map.get("artwork")).strip();
        java.util.Optional<PodcastSettings.Artwork> art = java.util.Optional.empty();
        if (!artwork.isEmpty()) {
            // A plain file name: the artwork lives in the content folder, never elsewhere.
            if (!artwork.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,100}") || artwork.contains("..")) {
                problems.add(file + ":" + lineOf(text, "artwork") + ": podcast artwork must be a file name in the content folder");
            } else {
                art = ArtworkCheck.check(file.resolveSibling(artwork), problems);
            }
        }
        return new PodcastSettings(owner.isEmpty() ? organisation : owner, email, art);
    }

    /**
     * The {@code languages} list: BCP 47 tags the site publishes in, each once; the site's {@code language} is one of
     * them whether listed or not. Null when the list has problems (pages are then not checked against it).
     */
    private static List<String> languages(Path file, String text, String language, Object value, List<String> problems) {
        if (value == null) return List.of(language);
        int line = lineOf(text, "languages");
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            problems.add(file + ":" + line + ": languages must be a list of BCP 47 tags, such as '[en, es]'");
            return null;
        }
        List<String> tags = new ArrayList<>();
        boolean failed = false;
        for (Object item : items) {
            String tag = text(item).strip();
            if (!Languages.isTag(tag)) {
                problems.add(file + ":" + line + ": languages lists '" + tag + "', which is not a BCP 47 tag (such as en or es)");
                failed = true;
            } else if (tags.contains(tag)) {
                problems.add(file + ":" + line + ": languages lists '" + tag + "' twice");
                failed = true;
            } else {
                tags.add(tag);
            }
        }
        return failed ? null : Languages.withFirst(language, tags);
    }

    /**
     * The {@code topics} list: each item an {@code id} (a slug, unique) and a {@code title}; absent means no topics.
     * Null when the list itself has problems, so pages are not also blamed for naming a topic it failed to define.
     */
    private static List<Topic> topics(Path file, String text, String language, Object value, List<String> problems) {
        if (value == null) return List.of();
        int line = lineOf(text, "topics");
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            problems.add(file + ":" + line + ": topics must be a list of items with id and title, such as"
                    + " '- id: aftercare' then '  title: Aftercare'");
            return null;
        }
        List<Topic> topics = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        boolean failed = false;
        int searchFrom = line;
        for (Object item : items) {
            String id = item instanceof Map<?, ?> m ? text(m.get("id")).strip() : "";
            Object named = item instanceof Map<?, ?> m ? m.get("title") : null;
            // A title per language ({en: Treatments, es: Tratamientos}): the site's language's is the topic's title.
            Map<String, String> titles = new java.util.LinkedHashMap<>();
            if (named instanceof Map<?, ?> byLanguage) byLanguage.forEach((k, v) -> titles.put(text(k).strip(), text(v).strip()));
            String title = named instanceof Map<?, ?> ? titles.getOrDefault(language, "") : text(named).strip();
            int at = lineOf(text, "- ", line, searchFrom);
            searchFrom = at;
            if (!Slug.isValid(id)) {
                problems.add(file + ":" + at + ": topic id '" + id + "' must be lower-case letters, digits and single hyphens");
            } else if (!seen.add(id)) {
                problems.add(file + ":" + at + ": topic '" + id + "' is listed twice");
            } else if (title.isEmpty() && !titles.isEmpty()) {
                problems.add(file + ":" + at + ": topic '" + id + "' needs a title in '" + language + "', the site's language");
            } else if (title.isEmpty()) {
                problems.add(file + ":" + at + ": topic '" + id + "' needs a title");
            } else {
                topics.add(new Topic(id, title, titles));
                continue;
            }
            failed = true;
        }
        return failed ? null : topics;
    }

    private static SpeechSettings speech(Path file, String text, Object value, List<String> problems) {
        if (value == null) return SpeechSettings.DEFAULT;
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(file + ":" + lineOf(text, "speech") + ": speech must be a block with voice, rate and pitch");
            return SpeechSettings.DEFAULT;
        }
        String voice = map.get("voice") == null ? SpeechSettings.DEFAULT.voice() : String.valueOf(map.get("voice"));
        // FreeTTS speaks the site's English, and of its voices only kevin16 speaks the 16 kHz audio Earshot makes (kevin
        // speaks 8 kHz): another name would leave every clip unmakeable, so it is a problem here, not a 503 per request.
        if (!voice.equals(SpeechSettings.DEFAULT.voice())) {
            problems.add(file + ":" + lineOf(text, "voice") + ": speech voice '" + voice + "' cannot speak here; English is "
                    + "spoken by " + SpeechSettings.DEFAULT.voice() + " (other languages' voices go under voices)");
            voice = SpeechSettings.DEFAULT.voice();
        }
        int rate = number(file, text, "rate", "rate", map.get("rate"), SpeechSettings.DEFAULT.rate(), problems);
        int pitch = (int) SpeechSettings.DEFAULT.pitch();
        if (map.get("pitch") != null) {
            if (map.get("pitch") instanceof Number n && n.intValue() >= 50 && n.intValue() <= 300) {
                pitch = n.intValue();
            } else {
                problems.add(file + ":" + lineOf(text, "pitch") + ": speech pitch must be a number from 50 to 300, not " + map.get("pitch"));
            }
        }
        Map<String, String> voices = voices(file, text, map.get("voices"), problems);
        Object ratesValue = map.get("rates");
        if (ratesValue == null) {
            return new SpeechSettings(voice, rate, pitch, SpeechSettings.defaultSlower(rate), SpeechSettings.defaultFaster(rate), voices);
        }
        if (!(ratesValue instanceof Map<?, ?> rates)) {
            problems.add(file + ":" + lineOf(text, "rates") + ": speech rates must be a block with slower, normal and faster (words per minute)");
            return new SpeechSettings(voice, rate, pitch, SpeechSettings.defaultSlower(rate), SpeechSettings.defaultFaster(rate), voices);
        }
        for (Object key : rates.keySet()) {
            if (!List.of("slower", "normal", "faster").contains(String.valueOf(key))) {
                problems.add(file + ":" + lineOf(text, String.valueOf(key)) + ": speech rates has slower, normal and faster only, not '" + key + "'");
            }
        }
        int normal = rate;
        if (rates.get("normal") != null) {
            normal = number(file, text, "normal", "rates.normal", rates.get("normal"), rate, problems);
            if (map.get("rate") != null && normal != rate) {
                problems.add(file + ":" + lineOf(text, "rate") + ": speech rate " + rate + " and rates.normal " + normal
                        + " disagree; give the normal rate once");
            }
        }
        int slower = number(file, text, "slower", "rates.slower", rates.get("slower"), SpeechSettings.defaultSlower(normal), problems);
        int faster = number(file, text, "faster", "rates.faster", rates.get("faster"), SpeechSettings.defaultFaster(normal), problems);
        if (!(slower < normal && normal < faster)) {
            problems.add(file + ":" + lineOf(text, "rates") + ": speech rates must rise from slower to faster, not "
                    + slower + ", " + normal + ", " + faster);
        }
        return new SpeechSettings(voice, normal, pitch, slower, faster, voices);
    }

    /** An eSpeak NG voice name: letters, digits, and {@code - _ +} (as in {@code es-419}, {@code en-us+f3}). */
    private static final java.util.regex.Pattern ESPEAK_VOICE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+-]{0,39}");

    /**
     * {@code speech: voices:}, the eSpeak NG voice for each language other than English that should not have
     * {@code speech/Voices}' choice ({@code es: es} for Spain's Spanish rather than Latin America's), by lower-case tag.
     */
    private static Map<String, String> voices(Path file, String text, Object value, List<String> problems) {
        if (value == null) return Map.of();
        String where = file + ":" + lineOf(text, "voices") + ": ";
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(where + "speech voices must be a block of language: eSpeak NG voice, such as es: es-419");
            return Map.of();
        }
        Map<String, String> voices = new java.util.TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String tag = String.valueOf(e.getKey()).strip().toLowerCase(java.util.Locale.ROOT);
            String name = e.getValue() == null ? "" : String.valueOf(e.getValue()).strip();
            if (Languages.isEnglish(tag)) {
                problems.add(where + "speech voices cannot choose English's voice: English is FreeTTS's speech voice (" + tag + ")");
            } else if (!ESPEAK_VOICE.matcher(name).matches()) {
                problems.add(where + "speech voices: " + tag + " must name an eSpeak NG voice (letters, digits, - _ +), not '" + name + "'");
            } else {
                voices.put(tag, name);
            }
        }
        return voices;
    }

    /** A speaking rate in words per minute, 60 to 400; {@code key} is the YAML key, {@code name} how messages call it. */
    private static int number(Path file, String text, String key, String name, Object value, int fallback,
                              List<String> problems) {
        if (value == null) return fallback;
        if (value instanceof Number n && n.intValue() >= 60 && n.intValue() <= 400) return n.intValue();
        problems.add(file + ":" + lineOf(text, key) + ": speech " + name + " must be a number from 60 to 400, not " + value);
        return fallback;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** The line (1-based) of the first line that starts, after indentation, with {@code key:}; 1 if none. */
    static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith(key + ":")) return i + 1;
        }
        return 1;
    }

    /** The first line after line {@code after} that starts (after indentation) with {@code start}; {@code fallback} if none. */
    private static int lineOf(String text, String start, int fallback, int after) {
        String[] lines = text.split("\n", -1);
        for (int i = after; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith(start)) return i + 1;
        }
        return fallback;
    }
}
