package app.earshot.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a representation, parsed from a {@code Range} header (RFC 9110, section 14).
 * Only single ranges are honoured; anything else is answered with the whole representation.
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive
 */
record ByteRange(long start, long end) {
    private static final Pattern SINGLE = Pattern.compile("bytes\\s*=\\s*(\\d{0,19})\\s*-\\s*(\\d{0,19})\\s*");

    /** What to do with a Range header for a representation of {@code size} bytes. */
    sealed interface Decision permits Whole, Partial, Unsatisfiable {}

    /** Ignore the header: no header, malformed, several ranges. Serve 200 with everything. */
    record Whole() implements Decision {}

    /** Serve 206 with this range. */
    record Partial(ByteRange range) implements Decision {}

    /** Serve 416: the range lies wholly outside the representation. */
    record Unsatisfiable() implements Decision {}

    long length() {
        return end - start + 1;
    }

    static Decision decide(String header, long size) {
        if (header == null || header.isBlank() || header.length() > 200) return new Whole();
        Matcher m = SINGLE.matcher(header);
        if (!m.matches()) return new Whole();
        String first = m.group(1);
        String last = m.group(2);
        try {
            if (first.isEmpty() && last.isEmpty()) return new Whole();
            if (first.isEmpty()) {
                // Suffix range: the last N bytes.
                long n = Long.parseLong(last);
                if (n == 0 || size == 0) return new Unsatisfiable();
                return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (end < start) return new Whole(); // syntactically invalid: ignore the header
            if (start >= size) return new Unsatisfiable();
            return new Partial(new ByteRange(start, Math.min(end, size - 1)));
        } catch (NumberFormatException e) {
            return new Whole(); // more digits than a long holds
        }
    }

    static Optional<ByteRange> parse(String header, long size) {
        return decide(header, size) instanceof Partial p ? Optional.of(p.range()) : Optional.empty();
    }
}
