package app.earshot.web;

import app.earshot.messages.Messages;
import app.earshot.narration.ClipFacts;
import app.earshot.narration.Format;
import java.util.Locale;
import java.util.Optional;

/** How sizes, lengths and times are written for people: "MP3, 1.9 MB", "1 minute 5 seconds", "1:05". */
final class Amounts {
    private Amounts() {}

    /** "MP3, 120 KB, 38 seconds"; just "MP3" when the clip is not made yet (size and length unknown). */
    static String describe(Optional<ClipFacts> facts, Format format, Messages msg) {
        return facts.map(f -> format.label() + ", " + size(f.size(), msg) + ", " + duration(f.seconds(), msg)).orElse(format.label());
    }

    /** "MP3, 1.9 MB" (GOV.UK's style for a download); just "MP3" while the file is not made (its size unknown). */
    static String sized(Optional<ClipFacts> facts, Messages msg) {
        return facts.map(f -> Format.MP3.label() + ", " + size(f.size(), msg)).orElse(Format.MP3.label());
    }

    /** "120 KB", "1.2 MB" ("1,2 MB" in Spanish: the decimal mark is the language's). */
    static String size(long bytes, Messages msg) {
        if (bytes < 1_000_000) return msg.format("listen.size.kb", Math.max(1, Math.round(bytes / 1000.0)));
        return msg.format("listen.size.mb", String.format(Locale.forLanguageTag(msg.language()), "%.1f", bytes / 1_000_000.0));
    }

    /** "38 seconds", "1 minute 5 seconds", in {@code msg}'s words. */
    static String duration(double seconds, Messages msg) {
        long total = Math.max(1, Math.round(seconds));
        long minutes = total / 60;
        long rest = total % 60;
        String m = msg.format(minutes == 1 ? "listen.minutes.one" : "listen.minutes.other", minutes);
        String s = msg.format(rest == 1 ? "listen.seconds.one" : "listen.seconds.other", rest);
        if (minutes == 0) return s;
        return rest == 0 ? m : m + " " + s;
    }

    /** "1:05" or "1:02:05". */
    static String clock(double seconds) {
        long t = (long) Math.floor(seconds);
        long h = t / 3600;
        long m = (t % 3600) / 60;
        long sec = t % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
