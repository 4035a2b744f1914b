package app.earshot.audio;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sample encodings Earshot writes: G.711 u-law, G.711 A-law, and 16-bit linear PCM.
 */
public enum Codec {
    ULAW("ulaw", "audio/basic"),
    ALAW("alaw", "audio/x-alaw-basic"),
    PCM("pcm", null);

    private final String label;
    private final String rawContentType;

    Codec(String label, String rawContentType) {
        this.label = label;
        this.rawContentType = rawContentType;
    }

    /** The lower-case name used in URLs, command lines and file extensions ("ulaw", "alaw", "pcm"). */
    public String label() {
        return label;
    }

    /** True for the 8-bit G.711 companded codecs. */
    public boolean isG711() {
        return this != PCM;
    }

    /** Content type of headerless (raw) bytes in this codec; PCM has none because we never serve it raw. */
    public String rawContentType() {
        if (rawContentType == null) throw new UnsupportedOperationException("pcm is only served inside a WAV container");
        return rawContentType;
    }

    /**
     * The codec named {@code name}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the valid codecs, for null or unknown names
     */
    public static Codec parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Codec c : values()) {
            if (c.label.equals(wanted)) return c;
        }
        throw new IllegalArgumentException("unknown codec '" + name + "'; valid: "
                + Arrays.stream(values()).map(Codec::label).collect(Collectors.joining(", ")));
    }
}
