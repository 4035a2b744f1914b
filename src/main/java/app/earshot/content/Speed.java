package app.earshot.content;

import java.util.Locale;
import java.util.Optional;

/** The three speaking rates a listener can choose; each has its own words per minute in {@code site.yaml}. */
public enum Speed {
    SLOWER, NORMAL, FASTER;

    /** "slower", "normal" or "faster": the name in {@code site.yaml} and in file names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a file name carries before its format: ".slower", ".faster", or nothing for the normal speed. */
    public String fileSuffix() {
        return this == NORMAL ? "" : "." + label();
    }

    /** The speed a file name part names ("slower", "faster"); "normal" is never written in a URL, so it is not one. */
    public static Optional<Speed> ofFileLabel(String label) {
        for (Speed s : values()) {
            if (s != NORMAL && s.label().equals(label)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
