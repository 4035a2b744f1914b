package app.earshot.web;

import java.math.BigInteger;
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
    private static final Pattern SINGLE = Pattern.compile("bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

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

    /**
     * Positions are read as whole numbers of any size (the header is at most 200 characters): a first position past the
     * end is unsatisfiable, a last position past the end is cut to the last byte, and a suffix longer than the
     * representation is all of it (RFC 9110 §14.1.2), however many digits they have.
     */
    static Decision decide(String header, long size) {
        if (header == null || header.isBlank() || header.length() > 200) return new Whole();
        Matcher m = SINGLE.matcher(header);
        if (!m.matches()) return new Whole();
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty() && last.isEmpty()) return new Whole();
        BigInteger length = BigInteger.valueOf(size);
        if (first.isEmpty()) {
            // Suffix range: the last N bytes.
            BigInteger n = new BigInteger(last);
            if (n.signum() == 0 || size == 0) return new Unsatisfiable();
            return new Partial(new ByteRange(size - n.min(length).longValueExact(), size - 1));
        }
        BigInteger start = new BigInteger(first);
        BigInteger end = last.isEmpty() ? null : new BigInteger(last);
        if (end != null && end.compareTo(start) < 0) return new Whole(); // syntactically invalid: ignore the header
        if (start.compareTo(length) >= 0) return new Unsatisfiable();
        long lastByte = end == null ? size - 1 : end.min(length.subtract(BigInteger.ONE)).longValueExact();
        return new Partial(new ByteRange(start.longValueExact(), lastByte));
    }

    static Optional<ByteRange> parse(String header, long size) {
        return decide(header, size) instanceof Partial p ? Optional.of(p.range()) : Optional.empty();
    }
}
