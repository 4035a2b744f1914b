package app.earshot.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one rule for all-capital tokens, used by the speech script and the pronunciation report alike: a token of two or
 * more capital letters ("IV", "REMS") is spelled letter by letter ("I-V", "R-E-M-S") unless the lexicon defines it or
 * the list of words read in capitals ({@code speech/words-in-capitals.txt}: "NASA", "COVID", "WARNING") names it.
 *
 * <p>Why spell: FreeTTS guesses. It reads "FDA" as one syllable "fduh", "IV" as the Roman numeral "four", and "REMS"
 * as the word "rems". Letters joined by hyphens stay one token (so captions keep one word per written word) and each
 * letter comes from FreeTTS's dictionary; with spaces a final "A" would be read as the article "uh". A plural
 * ("SSRIs") becomes "S-S-R-I's", which the voice says "ess ess ar eyes". A Roman numeral after "Type", "Phase",
 * "Stage", "Schedule" and the like is a number: "Schedule III" becomes "Schedule 3" (the voice would say "I I I").
 */
public final class Acronyms {
    // Word characters as Lexicon sees them, so "FDA-approved" and "NMDA's" contain an acronym but "FDAX" is not one.
    // A lower-case "s" after the capitals is a plural: "SSRIs" is said "S-S-R-I's" (the voice says "'s" as "z").
    private static final Pattern CAPITALS = Pattern.compile("(?<![\\p{L}\\p{N}_])([A-Z]{2,})(s?)(?![\\p{L}\\p{N}_])");
    private static final Pattern ROMAN = Pattern.compile("X{0,2}(?:IX|IV|V?I{0,3})");
    private static final Pattern NUMBERED = Pattern.compile(
            "(?i)(?:type|phase|stage|schedule|class|grade|level|part|chapter|section|category|tier|step)\\h+$");

    private final Set<String> readAsWords;

    /** @param readAsWords all-capital tokens said as words; every other one is spelled */
    public Acronyms(Set<String> readAsWords) {
        this.readAsWords = Set.copyOf(readAsWords);
    }

    /** The shipped list of words read in capitals, plus every grapheme of {@code lexicon} (the lexicon decides those). */
    public static Acronyms standard(Lexicon lexicon) {
        Set<String> words = new TreeSet<>(shippedWords());
        words.addAll(lexicon.graphemes());
        return new Acronyms(words);
    }

    /** The words in {@code speech/words-in-capitals.txt}. */
    public static Set<String> shippedWords() {
        try (InputStream in = Acronyms.class.getResourceAsStream("/speech/words-in-capitals.txt")) {
            if (in == null) throw new IllegalStateException("speech/words-in-capitals.txt is missing from the classpath");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("speech/words-in-capitals.txt", e);
        }
    }

    /** {@code text} with every all-capital token that is not read as a word spelled out: "an IV drip" -> "an I-V drip". */
    public String apply(String text) {
        Matcher m = CAPITALS.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            String token = m.group(1);
            String plural = m.group(2);
            String said;
            if (plural.isEmpty() && ROMAN.matcher(token).matches()
                    && NUMBERED.matcher(text.substring(Math.max(0, m.start() - 20), m.start())).find()) {
                said = Integer.toString(roman(token));
            } else if (readAsWord(token)) {
                said = m.group();
            } else {
                said = spoken(token) + (plural.isEmpty() ? "" : "'s");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(said));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How one all-capital token is said: itself when read as a word, else its letters joined by hyphens. */
    public String spoken(String token) {
        if (readAsWords.contains(token) || token.length() < 2) return token;
        return String.join("-", token.split(""));
    }

    private static int roman(String numeral) {
        int total = 0;
        for (int i = 0; i < numeral.length(); i++) {
            int value = value(numeral.charAt(i));
            boolean subtract = i + 1 < numeral.length() && value < value(numeral.charAt(i + 1));
            total += subtract ? -value : value;
        }
        return total;
    }

    private static int value(char c) {
        return c == 'I' ? 1 : c == 'V' ? 5 : 10;
    }

    /** True when {@link #apply} leaves this all-capital token to be read as a word. */
    public boolean readAsWord(String token) {
        return readAsWords.contains(token);
    }
}
