package app.earshot.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one home of HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, fixed width ("Sun, 06 Dec 2026 08:49:37 GMT",
 * never a one-digit day, which nginx and other caches cannot parse); read in all three forms a recipient must accept
 * (IMF-fixdate, RFC 850, asctime). Anything else reads as empty, so a malformed conditional header is ignored.
 */
final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> READ = List.of(
            IMF_FIXDATE,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH));

    private HttpDate() {}

    /** {@code time} in IMF-fixdate, to the second (HTTP dates carry no fractions). */
    static String format(Instant time) {
        return IMF_FIXDATE.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The instant an HTTP date names, or empty if {@code text} is null or in none of the three forms. */
    static Optional<Instant> parse(String text) {
        if (text == null || text.length() > 64) return Optional.empty();
        String s = text.strip();
        for (int i = 0; i < READ.size(); i++) {
            try {
                if (i == 0) return Optional.of(Instant.from(IMF_FIXDATE.parse(s)));
                LocalDateTime local = LocalDateTime.parse(s, READ.get(i));
                // RFC 850's two-digit year: a year more than 50 years ahead is taken to be in the past (RFC 9110 §5.6.7).
                if (i == 1 && local.getYear() > java.time.Year.now(ZoneOffset.UTC).getValue() + 50) local = local.minusYears(100);
                return Optional.of(local.toInstant(ZoneOffset.UTC));
            } catch (java.time.DateTimeException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
