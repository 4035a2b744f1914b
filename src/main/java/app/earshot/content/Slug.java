package app.earshot.content;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Makes URL-safe identifiers from headings: lower case ASCII letters, digits and single hyphens. */
public final class Slug {
    /** What a valid slug or section id looks like; also the check applied to request input. */
    public static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    public static final int MAX_LENGTH = 80;

    private Slug() {}

    /** "FDA Breakthrough Status" -> "fda-breakthrough-status"; "PTSD & Trauma" -> "ptsd-trauma"; may return "". */
    public static String of(String text) {
        // Without regular expressions: a library of thousands of sections makes one slug per heading while loading.
        String lower = withoutMarks(text).toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
        StringBuilder slug = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && !slug.isEmpty()) slug.append('-');
                gap = false;
                slug.append(c);
            } else {
                gap = true;
            }
        }
        if (slug.length() > MAX_LENGTH) {
            slug.setLength(MAX_LENGTH);
            while (!slug.isEmpty() && slug.charAt(slug.length() - 1) == '-') slug.setLength(slug.length() - 1);
        }
        return slug.toString();
    }

    /** {@code text} in compatibility decomposition with its combining marks left out ("Caf\u00e9" -> "Cafe"). */
    private static String withoutMarks(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) ascii = text.charAt(i) < 0x80;
        if (ascii) return text;
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> {
            int type = Character.getType(cp);
            return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                    && type != Character.COMBINING_SPACING_MARK;
        }).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** True if {@code s} is a well-formed slug of acceptable length. */
    public static boolean isValid(String s) {
        return s != null && s.length() <= MAX_LENGTH && VALID.matcher(s).matches();
    }
}
