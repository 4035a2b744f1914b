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
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT)
                .replace("'", "").replace("\u2019", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug;
    }

    /** True if {@code s} is a well-formed slug of acceptable length. */
    public static boolean isValid(String s) {
        return s != null && s.length() <= MAX_LENGTH && VALID.matcher(s).matches();
    }
}
