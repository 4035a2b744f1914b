package app.earshot.content;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A page file's YAML front matter, read and checked, and where its Markdown body starts.
 *
 * @param body           the Markdown after the closing fence
 * @param bodyLineOffset how many lines of the file come before {@code body}
 */
record FrontMatter(String title, String summary, String topic, LocalDate reviewed, LocalDate nextReview,
                   String language, String translationOf, boolean translationReviewed, String body, int bodyLineOffset) {
    private static final Pattern FRONT_MATTER_KEY = Pattern.compile("^([A-Za-z][\\w-]*)\\s*:");

    /**
     * Reads the front matter of {@code source} (the whole page file) with {@code yaml}, checking {@code topic} against
     * {@code topics} (null: not checked). Every problem found is added to {@code problems}; null when the front matter
     * cannot be read at all (missing, not closed, not YAML), else the values as written, even if some have problems.
     */
    static FrontMatter read(String file, String source, Set<String> topics, Yaml yaml, List<String> problems) {
        String text = source.replace("\r\n", "\n").replace('\r', '\n');
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (!text.startsWith("---\n")) {
            problems.add(file + ":1: missing front matter: the file must start with a line '---', then title, summary, reviewed and next-review, then '---'");
            return null;
        }
        int close = findClosingFence(text);
        if (close < 0) {
            problems.add(file + ":1: front matter is not closed: add a line '---' after it");
            return null;
        }
        String yamlText = text.substring(4, close);
        int bodyStart = text.indexOf('\n', close) + 1;
        if (bodyStart == 0) bodyStart = text.length();
        Map<String, Object> meta = parse(file, yamlText, yaml, problems);
        if (meta == null) return null;
        Map<String, Integer> keyLines = keyLines(yamlText);
        boolean titleNotText = false;
        for (String key : List.of("title", "summary", "topic")) {
            Object value = meta.get(key);
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                problems.add(file + ":" + keyLines.getOrDefault(key, 2) + ": " + key + " must be text, not a list or a map");
                meta.put(key, "");
                titleNotText |= key.equals("title");
            }
        }
        String title = string(meta.get("title"));
        if (title.isBlank() && !titleNotText) {
            problems.add(file + ":" + keyLines.getOrDefault("title", 2) + ": missing title in front matter");
        }
        String topic = string(meta.get("topic")).strip();
        if (topics != null) checkTopic(file, topic, topics, keyLines, problems);
        LocalDate reviewed = date(file, "reviewed", meta, keyLines, problems);
        LocalDate nextReview = date(file, "next-review", meta, keyLines, problems);
        if (reviewed != null && nextReview != null && nextReview.isBefore(reviewed)) {
            problems.add(file + ":" + keyLines.get("next-review") + ": next-review " + nextReview + " is before reviewed " + reviewed);
        }
        String language = language(file, meta, keyLines, problems);
        String translationOf = translationOf(file, meta, keyLines, problems);
        boolean translationReviewed = translationReviewed(file, meta, translationOf, keyLines, problems);
        return new FrontMatter(title, string(meta.get("summary")), topic, reviewed, nextReview, language, translationOf,
                translationReviewed, text.substring(bodyStart), countLines(text.substring(0, bodyStart)));
    }

    private static String language(String file, Map<String, Object> meta, Map<String, Integer> keyLines, List<String> problems) {
        String language = string(meta.get("language")).strip();
        if (!language.isEmpty() && !Languages.isTag(language)) {
            problems.add(file + ":" + keyLines.get("language") + ": language '" + language
                    + "' is not a BCP 47 tag (such as en, es or pt-BR)");
        }
        return language;
    }

    private static String translationOf(String file, Map<String, Object> meta, Map<String, Integer> keyLines,
                                        List<String> problems) {
        String translationOf = string(meta.get("translation-of")).strip();
        if (!translationOf.isEmpty() && !Slug.isValid(translationOf)) {
            problems.add(file + ":" + keyLines.get("translation-of") + ": translation-of '" + translationOf
                    + "' is not a page's slug (its file name without .md)");
        }
        return translationOf;
    }

    private static boolean translationReviewed(String file, Map<String, Object> meta, String translationOf,
                                               Map<String, Integer> keyLines, List<String> problems) {
        Object reviewedTranslation = meta.get("translation-reviewed");
        if (reviewedTranslation != null && !(reviewedTranslation instanceof Boolean)) {
            problems.add(file + ":" + keyLines.get("translation-reviewed") + ": translation-reviewed must be true or false, not '"
                    + string(reviewedTranslation) + "'");
        } else if (reviewedTranslation != null && translationOf.isEmpty()) {
            problems.add(file + ":" + keyLines.get("translation-reviewed")
                    + ": translation-reviewed is only for a translation; add translation-of or remove this line");
        }
        return Boolean.TRUE.equals(reviewedTranslation);
    }

    private static void checkTopic(String file, String topic, Set<String> topics, Map<String, Integer> keyLines,
                                   List<String> problems) {
        if (topics.isEmpty()) {
            if (!topic.isEmpty()) {
                problems.add(file + ":" + keyLines.get("topic") + ": topic '" + topic
                        + "' is not listed: site.yaml has no topics; add a topics list there or remove this line");
            }
            return;
        }
        String choices = String.join(", ", topics);
        if (topic.isEmpty()) {
            problems.add(file + ":" + keyLines.getOrDefault("topic", 2) + ": missing topic in front matter; one of: " + choices);
        } else if (!topics.contains(topic)) {
            problems.add(file + ":" + keyLines.get("topic") + ": unknown topic '" + topic + "'; site.yaml lists: " + choices);
        }
    }

    private static int findClosingFence(String text) {
        int at = 4;
        while (at <= text.length()) {
            int end = text.indexOf('\n', at);
            String line = end < 0 ? text.substring(at) : text.substring(at, end);
            if (line.strip().equals("---")) return at;
            if (end < 0) return -1;
            at = end + 1;
        }
        return -1;
    }

    private static int countLines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    private static Map<String, Object> parse(String file, String yamlText, Yaml yaml, List<String> problems) {
        try {
            Object loaded = yaml.load(yamlText);
            if (loaded == null) {
                problems.add(file + ":2: front matter is empty: it needs at least a title");
                return null;
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                problems.add(file + ":2: front matter must be key: value pairs");
                return null;
            }
            Map<String, Object> out = new HashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 2 : mark.getLine() + 2; // +1 for 1-based, +1 for the opening fence
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            problems.add(file + ":" + line + ": broken front matter: " + problem);
            return null;
        } catch (YAMLException e) {
            problems.add(file + ":2: broken front matter: " + e.getMessage().lines().findFirst().orElse("malformed YAML"));
            return null;
        }
    }

    /** Line of each top-level key in the front matter, for messages about its value. */
    private static Map<String, Integer> keyLines(String yamlText) {
        Map<String, Integer> lines = new HashMap<>();
        String[] rows = yamlText.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            Matcher m = FRONT_MATTER_KEY.matcher(rows[i]);
            if (m.find()) lines.putIfAbsent(m.group(1), i + 2);
        }
        return lines;
    }

    private static String string(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static LocalDate date(String file, String key, Map<String, Object> meta, Map<String, Integer> keyLines,
                                  List<String> problems) {
        Object value = meta.get(key);
        int line = keyLines.getOrDefault(key, 2);
        if (value == null) {
            problems.add(file + ":" + line + ": missing " + key + " date in front matter (YYYY-MM-DD)");
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(String.valueOf(value).strip());
        } catch (DateTimeParseException e) {
            problems.add(file + ":" + line + ": " + key + " is not a date (YYYY-MM-DD): " + value);
            return null;
        }
    }
}
