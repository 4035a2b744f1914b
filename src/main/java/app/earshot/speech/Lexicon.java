package app.earshot.speech;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An immutable pronunciation lexicon read from a W3C PLS 1.0 file: {@link #apply} replaces each
 * whole-word, case-sensitive occurrence of a grapheme with its alias; {@link #parse} rejects a bad
 * file with a {@link LexiconException} listing every problem as {@code file:line: message}.
 */
public final class Lexicon {

    // Letters, digits and underscore form words; anything else (space, hyphen, apostrophe,
    // punctuation) is a boundary, so "FDA" matches in "FDA-approved" and "ketamine's" but not "FDAX".
    private static final String WORD_CHAR = "[\\p{L}\\p{N}_]";

    private final Map<String, String> aliases;  // grapheme -> alias, sorted by grapheme
    private final Set<String> graphemes;        // every grapheme in the file, with or without alias
    private final Pattern pattern;              // null when there is nothing to replace
    private final String fingerprint;
    private final String language;              // primary language subtag of xml:lang ("en"), "" for any language

    private Lexicon(Map<String, String> aliases, Set<String> graphemes) {
        this(aliases, graphemes, "");
    }

    private Lexicon(Map<String, String> aliases, Set<String> graphemes, String language) {
        this.language = primary(language);
        this.aliases = new TreeMap<>(aliases);
        TreeSet<String> all = new TreeSet<>(graphemes);
        all.addAll(aliases.keySet());
        this.graphemes = Collections.unmodifiableSet(all);
        this.pattern = aliases.isEmpty() ? null : compile(aliases.keySet());
        this.fingerprint = digest(this.aliases);
    }

    /**
     * Reads a PLS 1.0 lexicon. Lexemes that carry only {@code phoneme}s are accepted and their
     * graphemes listed in {@link #graphemes()}, but {@link #apply} leaves them alone: FreeTTS
     * cannot take phonemes through text, so only {@code alias} changes what is said.
     *
     * @param file the lexicon file; problems name it as given, so pass the path users know
     * @throws LexiconException listing every problem if the file is unreadable or not well-formed
     *                          XML, the root is not a PLS 1.0 {@code lexicon} with version, xml:lang
     *                          and alphabet, a lexeme lacks a grapheme or both alias and phoneme, a
     *                          grapheme or alias is empty, or a grapheme is defined twice
     */
    public static Lexicon parse(Path file) {
        PlsReader.Result result = new PlsReader(file).read();
        return new Lexicon(result.aliases(), result.graphemes(), result.language());
    }

    /** A lexicon that changes nothing. */
    public static Lexicon empty() {
        return new Lexicon(Map.of(), Set.of());
    }

    /**
     * A lexicon from grapheme -> alias pairs, for callers that build one in code (tests, fakes).
     *
     * @throws IllegalArgumentException if a grapheme or alias is blank
     */
    public static Lexicon of(Map<String, String> aliases) {
        Map<String, String> clean = new LinkedHashMap<>();
        aliases.forEach((grapheme, alias) -> {
            if (grapheme.isBlank() || alias.isBlank()) {
                throw new IllegalArgumentException("blank grapheme or alias: \"" + grapheme + "\" -> \"" + alias + "\"");
            }
            clean.put(collapse(grapheme), collapse(alias));
        });
        return new Lexicon(clean, Set.of());
    }

    /**
     * {@code text} with every whole-word occurrence of a grapheme replaced by its alias. Matching is
     * case-sensitive, so "US" and "us" can differ; where graphemes overlap the longest wins; a
     * multi-word grapheme matches across any run of whitespace. Aliases are never re-scanned.
     */
    public String apply(String text) {
        if (pattern == null) return text;
        Matcher m = pattern.matcher(text);
        return m.replaceAll(match -> Matcher.quoteReplacement(aliases.get(collapse(match.group()))));
    }

    /** The alias that {@link #apply} puts in place of {@code grapheme}, if there is one. */
    public Optional<String> alias(String grapheme) {
        return Optional.ofNullable(aliases.get(grapheme));
    }

    /** Every grapheme the lexicon defines, including phoneme-only ones that {@link #apply} ignores. */
    public Set<String> graphemes() {
        return graphemes;
    }

    /** The primary subtag of the file's {@code xml:lang} ({@code en} for {@code en-US}); "" for a lexicon made in code. */
    public String language() {
        return language;
    }

    /**
     * True if this lexicon speaks for pages in {@code pageLanguage}: their primary subtags match ({@code en-US} for
     * {@code en} and {@code en-GB}), or the lexicon was made in code and names no language.
     */
    public boolean appliesTo(String pageLanguage) {
        return language.isEmpty() || language.equals(primary(pageLanguage));
    }

    static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }

    /** How many graphemes {@link #apply} replaces. */
    public int size() {
        return aliases.size();
    }

    /**
     * SHA-256 (hex) of the grapheme -> alias pairs, independent of file order, comments and
     * phonemes: it changes exactly when {@link #apply} could give a different result, which is what
     * an audio cache key needs.
     */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "Lexicon[" + size() + " aliases, " + fingerprint.substring(0, 12) + "]";
    }

    private static Pattern compile(Set<String> graphemes) {
        String alternation = graphemes.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(g -> Arrays.stream(g.split(" ")).map(Pattern::quote).collect(Collectors.joining("\\s+")))
                .collect(Collectors.joining("|"));
        return Pattern.compile("(?<!" + WORD_CHAR + ")(?:" + alternation + ")(?!" + WORD_CHAR + ")");
    }

    static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String digest(Map<String, String> sorted) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sorted.forEach((grapheme, alias) -> {
                // NUL and LF cannot occur in collapsed entries, so the encoding is unambiguous.
                sha.update((grapheme + '\0' + alias + '\n').getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
