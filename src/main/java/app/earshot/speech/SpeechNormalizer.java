package app.earshot.speech;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns written text into what FreeTTS should say: any string in, plain speakable text out
 * (paragraphs separated by a blank line, each ending in sentence punctuation, which the
 * synthesizer uses for pauses); symbols, bullets and emoji are dropped rather than read, text with
 * nothing speakable gives "", and normalising the result again changes nothing.
 *
 * <p>Rules and the choices behind them: "70%" -> "70 percent"; "500+" -> "over 500"; "24hrs" ->
 * "24 hours" (also hr, min(s), sec(s), mg, mcg, ml, kg, lb(s), wk(s), yr(s) after a number, and
 * "mg/kg" -> "milligrams per kilogram"); "4-6" -> "4 to 6" (not phone numbers or dates); "vs." ->
 * "versus"; "&" -> "and"; "e.g." -> "for example,"; "i.e." -> "that is,"; "etc." -> "et cetera";
 * "approx." -> "approximately"; a slash between words means "or" ("Military/Combat" -> "Military
 * or Combat", "and/or" -> "and or"); "1960s" -> "nineteen sixties", "'90s" -> "nineties"; a year
 * after "in", "since", "by", a month name and the like is said as a year ("in 2019" -> "in twenty
 * nineteen", where FreeTTS would say "two thousand nineteen"); parentheses and spaced dashes
 * become commas; each bullet item and each paragraph ends with a full stop so it is heard as
 * separate. Run it before {@link Lexicon#apply}, which works on the normalised words.
 */
public final class SpeechNormalizer {

    private static final List<String> ONES = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen");
    private static final List<String> TENS = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty",
            "seventy", "eighty", "ninety");

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("hr", unit("hour")), Map.entry("hrs", unit("hour")),
            Map.entry("min", unit("minute")), Map.entry("mins", unit("minute")),
            Map.entry("sec", unit("second")), Map.entry("secs", unit("second")),
            Map.entry("mg", unit("milligram")), Map.entry("mcg", unit("microgram")),
            Map.entry("ml", unit("milliliter")), Map.entry("mL", unit("milliliter")),
            Map.entry("kg", unit("kilogram")), Map.entry("lb", unit("pound")), Map.entry("lbs", unit("pound")),
            Map.entry("wk", unit("week")), Map.entry("wks", unit("week")),
            Map.entry("yr", unit("year")), Map.entry("yrs", unit("year")));
    private static final Map<String, String> PER = Map.of(
            "kg", "kilogram", "day", "day", "d", "day", "dose", "dose", "hr", "hour", "h", "hour",
            "wk", "week", "week", "week");

    // Marks a reader skips silently; removed before NFKC, which would turn "™" into "TM" and so "T M".
    private static final Pattern MARKS = Pattern.compile("[™®℠©]");
    // Bullet glyphs (any "other symbol", which covers ▪ ● ✓ and most emoji), and * + - – — when a
    // space follows, so "-5" keeps its sign.
    private static final String BULLET = "(?:[\\p{So}\\p{Sk}•·◦‣⁃∙\\x{FE0F}\\x{200D}]|[*+\\-–—](?=\\h))";
    private static final Pattern LEADING_BULLETS = Pattern.compile("^\\h*(?:" + BULLET + "\\h*)+");

    private static final Pattern QUOTES = Pattern.compile("[\"“”„‟«»]");
    private static final Pattern SHORT_DECADE = Pattern.compile("(?<![\\p{L}\\p{N}])'?([2-9])0s\\b");
    private static final Pattern STRAY_APOSTROPHE = Pattern.compile("(?<!\\p{L})'|'(?!\\p{L})");
    private static final Pattern FOR_EXAMPLE = Pattern.compile("\\b[Ee]\\.\\h?[Gg]\\.,?");
    private static final Pattern THAT_IS = Pattern.compile("\\b[Ii]\\.\\h?[Ee]\\.,?");
    // "etc." keeps its full stop only where it ends a sentence, i.e. not before lower case or punctuation.
    private static final Pattern ET_CETERA_MID = Pattern.compile("\\b[Ee]tc\\.(?=\\h*[,;:?!)]|\\h+\\p{Ll})");
    private static final Pattern ET_CETERA = Pattern.compile("\\b[Ee]tc\\b");
    private static final Pattern VERSUS = Pattern.compile("(?i)\\bvs\\b\\.?");
    private static final Pattern APPROX = Pattern.compile("(?i)\\b(approx)\\b\\.?");
    private static final Pattern WITHOUT = Pattern.compile("\\b[Ww]/[Oo]\\b");
    private static final Pattern WITH = Pattern.compile("\\b[Ww]/(?=\\h)");
    private static final Pattern AND_OR = Pattern.compile("(?i)\\b(and)/(or)\\b");
    private static final Pattern NUMBER_SIGN = Pattern.compile("#\\h?(?=\\d)");
    private static final String NUMBER = "(?<![\\p{L}\\p{N}.,])(\\d+(?:[.,]\\d+)*)";
    private static final Pattern UNIT = Pattern.compile(NUMBER + "\\h?(hrs?|mins?|secs?|mg|mcg|ml|mL|kg|lbs?|wks?|yrs?)"
            + "(?:/(kg|day|d|dose|hr|h|wk|week))?(?![\\p{L}\\p{N}])");
    private static final Pattern PERCENT = Pattern.compile("(\\d)\\h?%");
    private static final Pattern LONE_PERCENT = Pattern.compile("\\h?%");
    private static final Pattern OVER = Pattern.compile(NUMBER + "\\+(?![\\p{N}+])");
    private static final Pattern DEGREES = Pattern.compile("(\\d)\\h?°\\h?([CF])?\\b|°");
    private static final Pattern DECADE = Pattern.compile("\\b(1[1-9]|20)(\\d)0s\\b");
    private static final Pattern RANGE = Pattern.compile("(?<![\\p{N}.,/:\\-–])(\\d+(?:\\.\\d+)?)\\h?[-–—]\\h?(\\d+(?:\\.\\d+)?)"
            + "(?![\\p{N}\\-–/:]|[.,]\\d)");
    private static final Pattern YEAR = Pattern.compile("(?i)\\b(in|since|by|from|until|till|through|before|after|during"
            + "|around|circa|early|late|mid|year|january|february|march|april|may|june|july|august|september"
            + "|october|november|december)(,?\\h+)(1[1-9]\\d\\d|20\\d\\d)(?![\\p{N}%+]|s\\b|[.,]\\d)");
    private static final Pattern AMPERSAND = Pattern.compile("\\h*&\\h*");
    private static final Pattern WORD_SLASH = Pattern.compile("(?<=\\p{L})\\h?/\\h?(?=\\p{L})");
    private static final Pattern OPEN_BRACKET = Pattern.compile("\\h*[(\\[]\\h*");
    private static final Pattern CLOSE_BRACKET = Pattern.compile("\\h*[)\\]]");
    private static final Pattern SPACED_DASH = Pattern.compile("\\h+[-–—]+\\h+|(?<=\\p{L})—(?=\\p{L})");
    private static final Pattern INNER_DASH = Pattern.compile("(?<=\\p{L})–(?=\\p{L})");
    private static final Pattern INNER_BULLET = Pattern.compile("\\h*[•·◦‣⁃∙]\\h*");
    private static final Pattern UNSAYABLE = Pattern.compile("[*_~^|\\\\`<>{}#]");

    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\h+(?=[.,;:?!])");
    private static final Pattern REPEATED_PAUSE = Pattern.compile("([,;:])(?:\\h*[,;:])+");
    private static final Pattern PAUSE_BEFORE_STOP = Pattern.compile("[,;:]+\\h*(?=[.?!])");
    private static final Pattern PAUSE_AFTER_STOP = Pattern.compile("([.?!])\\h*[,;:]+");
    private static final Pattern REPEATED_STOP = Pattern.compile("([.?!])[.?!]+");
    private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[\\h.,;:?!]+");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("\\h+");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\h*\\n\\s*");

    /**
     * @param text written text: any mix of paragraphs, bullet lists, emoji and symbols
     * @return the same content in words FreeTTS says well; "" if nothing in it can be spoken
     */
    public String normalize(String text) {
        return assemble(dropUnsayable(spellOut(prepare(text))));
    }

    /**
     * {@link #normalize(String)} for text in {@code language} (BCP 47). English gets the whole English rule set; any other
     * language only what holds in every language (bullets, quotes, brackets, dashes, symbols, punctuation): its numbers,
     * "%", units and abbreviations are left as written for its own voice (eSpeak NG reads "70 %", "1,5" and "24 h" in
     * Spanish), and the English words ("percent", "for example") never appear in it.
     */
    public String normalize(String text, String language) {
        if (app.earshot.content.Languages.isEnglish(language)) return normalize(text);
        return assemble(dropUnsayable(pausesForPunctuation(QUOTES.matcher(prepare(text)).replaceAll(""))));
    }

    /** Line ends, trademark marks and compatibility forms folded; bullet items ended with a full stop. */
    private static String prepare(String text) {
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        s = MARKS.matcher(s).replaceAll("");
        return endBulletItems(Normalizer.normalize(s, Normalizer.Form.NFKC));
    }

    /** Strips bullets and ends each bullet item with a full stop, so items are not run together. */
    private static String endBulletItems(String s) {
        List<String> lines = new ArrayList<>();
        for (String line : s.split("\n", -1)) {
            Matcher bullet = LEADING_BULLETS.matcher(line);
            if (bullet.find() && bullet.end() < line.length()) {
                line = line.substring(bullet.end());
                if (!SentenceRule.endsInPause(line)) line = line.stripTrailing() + ".";
            } else if (bullet.find(0)) {
                line = "";  // a line that is nothing but bullets
            }
            lines.add(line);
        }
        return String.join("\n", lines);
    }

    private static String spellOut(String s) {
        s = QUOTES.matcher(s).replaceAll("");
        s = s.replace('’', '\'').replace('‘', '\'').replace('‛', '\'').replace('′', '\'');
        s = replace(SHORT_DECADE, s, m -> plural(TENS.get(Integer.parseInt(m.group(1)))));
        s = STRAY_APOSTROPHE.matcher(s).replaceAll("");
        s = FOR_EXAMPLE.matcher(s).replaceAll("for example,");
        s = THAT_IS.matcher(s).replaceAll("that is,");
        s = ET_CETERA_MID.matcher(s).replaceAll("et cetera");
        s = ET_CETERA.matcher(s).replaceAll("et cetera");
        s = VERSUS.matcher(s).replaceAll("versus");
        s = APPROX.matcher(s).replaceAll("approximately");
        s = WITHOUT.matcher(s).replaceAll("without");
        s = WITH.matcher(s).replaceAll("with");
        s = AND_OR.matcher(s).replaceAll("$1 $2");
        s = NUMBER_SIGN.matcher(s).replaceAll("number ");
        s = replace(UNIT, s, SpeechNormalizer::unitWords);
        s = PERCENT.matcher(s).replaceAll("$1 percent");
        s = LONE_PERCENT.matcher(s).replaceAll(" percent");
        s = OVER.matcher(s).replaceAll("over $1");
        s = replace(DEGREES, s, SpeechNormalizer::degreeWords);
        s = replace(DECADE, s, m -> decade(Integer.parseInt(m.group(1) + m.group(2) + "0")));
        s = replace(RANGE, s, SpeechNormalizer::rangeWords);
        s = replace(YEAR, s, m -> m.group(1) + m.group(2) + year(Integer.parseInt(m.group(3))));
        s = AMPERSAND.matcher(s).replaceAll(" and ");
        s = WORD_SLASH.matcher(s).replaceAll(" or ");
        return pausesForPunctuation(s);
    }

    /** Brackets, spaced dashes and inner bullets become pauses, in every language. */
    private static String pausesForPunctuation(String s) {
        s = OPEN_BRACKET.matcher(s).replaceAll(", ");
        s = CLOSE_BRACKET.matcher(s).replaceAll(", ");
        s = SPACED_DASH.matcher(s).replaceAll(", ");
        s = INNER_DASH.matcher(s).replaceAll("-");
        return INNER_BULLET.matcher(s).replaceAll(", ");
    }

    /** Emoji and symbols are never read aloud: "✅" must not become "white heavy check mark". */
    private static String dropUnsayable(String s) {
        s = UNSAYABLE.matcher(s).replaceAll(" ");
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (Character.getType(cp)) {
                case Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL, Character.PRIVATE_USE,
                     Character.SURROGATE, Character.UNASSIGNED -> out.append(' ');
                // Zero-width joiners, soft hyphens, variation selectors and keycaps sit inside words or
                // emoji: dropping them without a space keeps "treat\u00ADment" one word.
                case Character.FORMAT, Character.ENCLOSING_MARK -> { }
                case Character.NON_SPACING_MARK -> {
                    if (!isVariationSelector(cp)) out.appendCodePoint(cp);
                }
                // "+" and "=" stay: FreeTTS says "plus" and "equals"; arrows and the rest it cannot say.
                case Character.MATH_SYMBOL -> out.appendCodePoint(cp == '+' || cp == '=' ? cp : ' ');
                case Character.CONTROL -> out.append(cp == '\n' ? "\n" : " ");
                default -> out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** One paragraph per blank-line-separated block, lines joined, each ending in punctuation. */
    private static String assemble(String s) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : PARAGRAPH_BREAK.split(s)) {
            String p = HORIZONTAL_SPACE.matcher(block.replace('\n', ' ')).replaceAll(" ");
            p = SPACE_BEFORE_PUNCTUATION.matcher(p).replaceAll("");
            p = REPEATED_PAUSE.matcher(p).replaceAll("$1");
            p = PAUSE_BEFORE_STOP.matcher(p).replaceAll("");
            p = PAUSE_AFTER_STOP.matcher(p).replaceAll("$1");
            p = REPEATED_STOP.matcher(p).replaceAll("$1");
            p = LEADING_PUNCTUATION.matcher(p.strip()).replaceAll("");
            if (p.isEmpty()) continue;
            if (p.codePoints().noneMatch(Character::isLetterOrDigit)) continue;
            if (!SentenceRule.endsInPause(p)) p = p + ".";
            else p = p.replaceAll("[,;:]$", ".");
            paragraphs.add(p);
        }
        return String.join("\n\n", paragraphs);
    }

    private static String unitWords(MatchResult m) {
        String number = m.group(1);
        Unit unit = UNITS.get(m.group(2));
        String words = number + " " + (number.equals("1") ? unit.one() : unit.many());
        return m.group(3) == null ? words : words + " per " + PER.get(m.group(3));
    }

    private static String degreeWords(MatchResult m) {
        if (m.group(1) == null) return " degrees ";
        String scale = m.group(2) == null ? "" : m.group(2).equals("C") ? " Celsius" : " Fahrenheit";
        return m.group(1) + " degrees" + scale;
    }

    /** Ranges of small numbers or of years; leaves "555-1234" and "2019-05-01" alone. */
    private static String rangeWords(MatchResult m) {
        int from = integerDigits(m.group(1));
        int to = integerDigits(m.group(2));
        boolean small = from <= 3 && to <= 3;
        boolean years = from == 4 && to == 4 && !m.group(1).contains(".") && !m.group(2).contains(".");
        return small || years ? m.group(1) + " to " + m.group(2) : m.group();
    }

    private static int integerDigits(String number) {
        int dot = number.indexOf('.');
        return dot < 0 ? number.length() : dot;
    }

    /** 1960 -> "nineteen sixty", 1905 -> "nineteen oh five", 2005 -> "two thousand five", 2019 -> "twenty nineteen". */
    static String year(int year) {
        if (year >= 2000 && year < 2010) return year == 2000 ? "two thousand" : "two thousand " + ONES.get(year - 2000);
        int low = year % 100;
        String high = upTo99(year / 100);
        if (low == 0) return high + " hundred";
        return low < 10 ? high + " oh " + ONES.get(low) : high + " " + upTo99(low);
    }

    /** 1960 -> "nineteen sixties", 1900 -> "nineteen hundreds", 2000 -> "two thousands", 2010 -> "twenty tens". */
    static String decade(int decade) {
        if (decade == 2000) return "two thousands";
        int low = decade % 100;
        String high = upTo99(decade / 100);
        return low == 0 ? high + " hundreds" : high + " " + plural(upTo99(low));
    }

    private static String upTo99(int n) {
        return n < 20 ? ONES.get(n) : TENS.get(n / 10) + (n % 10 == 0 ? "" : " " + ONES.get(n % 10));
    }

    private static String plural(String word) {
        return word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : word + "s";
    }

    private record Unit(String one, String many) {}

    private static Unit unit(String singular) {
        return new Unit(singular, singular + "s");
    }

    private static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private static String replace(Pattern pattern, String s, Function<MatchResult, String> words) {
        return pattern.matcher(s).replaceAll(m -> Matcher.quoteReplacement(words.apply(m)));
    }
}
