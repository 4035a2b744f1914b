package app.earshot.ivr;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may say instead of pressing keys: a topic's name (a section heading, or "introduction") plays it, and a
 * few command words stand for the navigation keys. Matching forgives what recognisers and callers do: case,
 * punctuation, "&amp;" for "and", plurals, filler words and partial names ("FDA status" finds "FDA Breakthrough
 * Status"), as long as one topic matches better than every other.
 */
public final class SpokenChoices {
    /** What the words meant. */
    public sealed interface Meaning permits Topic, Said {}

    /** The section at {@code index}; {@code phrase} is its name as a grammar lists it. */
    public record Topic(int index, String phrase) implements Meaning {}

    /** One of the {@link Command} words, said as {@code phrase}. */
    public record Said(Command command, String phrase) implements Meaning {}

    private static final Set<String> FILLER = Set.of("a", "an", "the", "to", "of", "for", "is", "are", "and", "about", "on",
            "in", "vs", "versus", "can", "does", "do", "you", "your", "it", "how", "what", "me", "i", "want", "please", "hear",
            "play", "section", "tell", "like", "would", "with", "be", "may", "not", "right", "by");
    /**
     * Spanish filler, written as {@link #phrase} keys it (no accents): articles, prepositions, "qué", "cómo" and the words
     * of a request ("quiero oír ... por favor"), as the English list has them. A Spanish line ignores both lists.
     */
    private static final Set<String> FILLER_ES = Set.of("el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del",
            "al", "y", "e", "o", "u", "que", "es", "son", "esta", "en", "para", "por", "con", "sobre", "frente", "se", "su",
            "sus", "usted", "le", "me", "mi", "yo", "como", "cual", "puede", "pueden", "quiero", "quisiera", "favor", "oir",
            "escuchar", "seccion", "tema", "dime", "digame", "hola");
    /** Significant words a topic may have for every in-order selection of them to be tried as a short name. */
    private static final int MAX_WORDS_COMBINED = 8;
    /** Short names listed for one topic at most (the fewest words first). */
    private static final int MAX_SHORT_NAMES = 48;

    private final List<Topic> topics;
    private final List<Said> commands;
    private final Set<String> filler;
    /** Each phrase (a topic's or a command's) and how it is written, with its accents ("atras": "atrás"). */
    private final Map<String, String> written;

    SpokenChoices(KeypadMenu keypad) {
        this(keypad.page().sections().stream().map(s -> s.introduction() ? introduction(keypad.page().language()) : s.heading()).toList(),
                keypad.page().language());
    }

    /** Choices of {@code names} (each a {@link Topic} at its position) and every {@link Command} in English. */
    SpokenChoices(List<String> names) {
        this(names, "en");
    }

    /** Choices of {@code names} and every {@link Command} in {@code language}'s words. */
    SpokenChoices(List<String> names, String language) {
        List<Topic> list = new ArrayList<>();
        Map<String, String> spelled = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            list.add(new Topic(i, phrase(names.get(i))));
            spelled.putIfAbsent(phrase(names.get(i)), written(names.get(i)));
        }
        Command.written(language).forEach(spelled::putIfAbsent);
        this.topics = List.copyOf(list);
        this.commands = Command.all(language);
        this.written = java.util.Collections.unmodifiableMap(spelled);
        this.filler = language != null && language.toLowerCase(Locale.ROOT).startsWith("es")
                ? java.util.stream.Stream.concat(FILLER.stream(), FILLER_ES.stream()).collect(Collectors.toUnmodifiableSet()) : FILLER;
    }

    /** What a caller says for a page's introduction: "introduction" in English, else its catalogue's ("la introducción"). */
    private static String introduction(String language) {
        if (app.earshot.content.Languages.isEnglish(language)) return "introduction";
        return app.earshot.messages.Catalogues.bundled().forLanguage(language).get("phone.introduction");
    }

    /** Every topic, in page order, with the phrase a grammar lists for it. */
    public List<Topic> topics() {
        return topics;
    }

    /** Every command phrase. */
    public List<Said> commands() {
        return commands;
    }

    /** All phrases, topics first: Twilio's speech hints. */
    public List<String> phrases() {
        // Two names may sound alike (a topic and a page both called "Aftercare"): each phrase is listed once.
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        topics.forEach(t -> out.add(t.phrase()));
        commands.forEach(c -> out.add(c.phrase()));
        return List.copyOf(out);
    }

    /**
     * Every phrase of {@link #phrases()}, in its order, with how it is written: lower case with its accents ("atras":
     * "atrás", "la introduccion": "la introducción"), the same as the phrase where it has none. A grammar lists the
     * written form first, then the phrase if it differs, both returning the phrase; Twilio is hinted the written form.
     */
    public Map<String, String> spellings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : phrases()) out.put(p, written.getOrDefault(p, p));
        return out;
    }

    /** Twilio's speech hints: every phrase as it is written, with its accents, each once. */
    public List<String> hints() {
        return hints(spellings());
    }

    /** The written forms of {@code spellings} (see {@link #spellings()}), each once, in order. */
    public static List<String> hints(Map<String, String> spellings) {
        return List.copyOf(new java.util.LinkedHashSet<>(spellings.values()));
    }

    /**
     * Everything a speech grammar lists, each with the phrase it returns: every phrase of {@link #spellings()} as written
     * and as keyed, then each topic's short names ({@link #shortNames}) the same way. Each item means what
     * {@link #match} takes it for, so a VoiceXML browser hears what Twilio's matching hears.
     */
    public Map<String, String> grammar() {
        Map<String, String> items = new LinkedHashMap<>();
        spellings().forEach((phrase, spelled) -> {
            items.putIfAbsent(spelled, phrase);
            items.putIfAbsent(phrase, phrase);
        });
        for (Topic t : topics) {
            for (String name : shortNames(t)) {
                items.putIfAbsent(name, t.phrase());
                items.putIfAbsent(phrase(name), t.phrase());
            }
        }
        return java.util.Collections.unmodifiableMap(items);
    }

    /**
     * The shorter names of {@code topic} a caller may say, as written: each in-order selection of its significant words
     * (every selection for names of up to {@value #MAX_WORDS_COMBINED} such words, else each run of adjacent ones) that
     * {@link #match} takes for this topic alone, the fewest words first, at most {@value #MAX_SHORT_NAMES}.
     */
    List<String> shortNames(Topic topic) {
        List<String> words = Arrays.stream(written.getOrDefault(topic.phrase(), topic.phrase()).split(" "))
                .filter(w -> !w.isEmpty() && !filler.contains(phrase(w))).toList();
        int n = words.size();
        List<List<String>> selections = new ArrayList<>();
        if (n <= MAX_WORDS_COMBINED) {
            for (int mask = 1; mask < 1 << n; mask++) {
                List<String> chosen = new ArrayList<>();
                for (int i = 0; i < n; i++) if ((mask & 1 << i) != 0) chosen.add(words.get(i));
                selections.add(chosen);
            }
        } else {
            for (int from = 0; from < n; from++) for (int to = from + 1; to <= n; to++) selections.add(words.subList(from, to));
        }
        selections.sort(java.util.Comparator.comparingInt(List::size));
        List<String> out = new ArrayList<>();
        // One name per set of words matching counts ("step by step" offers "step" once, not also "step step").
        Set<Set<String>> counted = new java.util.HashSet<>();
        for (List<String> chosen : selections) {
            if (out.size() == MAX_SHORT_NAMES) break;
            String name = String.join(" ", chosen);
            if (phrase(name).equals(topic.phrase()) || !counted.add(significant(phrase(name)))) continue;
            if (match(name).orElse(null) instanceof Topic t && t.index() == topic.index()) out.add(name);
        }
        return out;
    }

    /** What {@code words} mean, if one meaning fits better than every other. */
    public Optional<Meaning> match(String words) {
        if (words == null) return Optional.empty();
        String heard = phrase(words);
        if (heard.isEmpty()) return Optional.empty();
        for (Said c : commands) if (c.phrase().equals(heard)) return Optional.of(c);
        for (Topic t : topics) if (t.phrase().equals(heard)) return Optional.of(t);
        Set<String> said = significant(heard);
        if (said.isEmpty()) return Optional.empty();
        Map<Topic, Double> scores = new LinkedHashMap<>();
        for (Topic t : topics) {
            Set<String> wanted = significant(t.phrase());
            if (wanted.isEmpty()) continue;
            long hits = wanted.stream().filter(said::contains).count();
            long stray = said.stream().filter(w -> !wanted.contains(w)).count();
            // Share of the topic's words heard, less a little for words that belong to no part of it.
            if (hits > 0) scores.put(t, (double) hits / wanted.size() - 0.1 * stray / said.size());
        }
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Topic> winners = scores.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
        return best >= 0.5 && winners.size() == 1 ? Optional.of(winners.get(0)) : Optional.empty();
    }

    /** Lower case words and digits separated by single spaces; "&amp;" becomes "and", accents and punctuation go. */
    static String phrase(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[^a-z0-9]+", " ").strip();
    }

    /**
     * {@code text} as a caller's words are written: lower case, "&amp;" as "and", every run of characters that are not
     * letters or digits a single space, accents kept ("¿Cómo actúa la ketamina?" is "cómo actúa la ketamina").
     * {@link #phrase} of it is {@link #phrase} of {@code text}.
     */
    static String written(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replace("&", " and ");
        String out = composed.replaceAll("[^\\p{L}\\p{M}\\p{Nd}]+", " ").strip();
        return phrase(out).equals(phrase(text)) ? out : phrase(text);
    }

    private Set<String> significant(String phrase) {
        return Arrays.stream(phrase.split(" ")).filter(w -> !w.isEmpty() && !filler.contains(w))
                .map(w -> w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
