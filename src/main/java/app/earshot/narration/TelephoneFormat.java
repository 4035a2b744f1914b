package app.earshot.narration;

import app.earshot.audio.Codec;
import java.util.Locale;
import java.util.Optional;

/**
 * The five ways a telephone clip is served: 8 kHz WAV in u-law (the default), A-law or 16-bit linear PCM, and
 * headerless u-law or A-law for platforms that play raw G.711.
 */
public enum TelephoneFormat {
    WAV_ULAW(Codec.ULAW, "wav", "audio/wav"),
    WAV_ALAW(Codec.ALAW, "wav", "audio/wav"),
    WAV_PCM(Codec.PCM, "wav", "audio/wav"),
    ULAW(Codec.ULAW, "ulaw", Codec.ULAW.rawContentType()),
    ALAW(Codec.ALAW, "alaw", Codec.ALAW.rawContentType());

    private final Codec codec;
    private final String extension;
    private final String mediaType;

    TelephoneFormat(Codec codec, String extension, String mediaType) {
        this.codec = codec;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public Codec codec() {
        return codec;
    }

    /** The URL's file extension: "wav", "ulaw" or "alaw". */
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** True for WAV files, false for headerless G.711. */
    public boolean wav() {
        return extension.equals("wav");
    }

    /** A short stable name, as used in the JSON index: "ulaw.wav", "alaw.wav", "pcm.wav", "ulaw", "alaw". */
    public String id() {
        return wav() ? codec.label() + ".wav" : extension;
    }

    /** The query string that selects this format on a ".wav" URL ("" for the default u-law, else "codec=..."). */
    public String query() {
        return wav() && codec != Codec.ULAW ? "codec=" + codec.label() : "";
    }

    /**
     * The format a URL asks for: its extension and its {@code codec} query parameter (null if absent). Empty for an
     * extension that is not telephone audio.
     *
     * @throws IllegalArgumentException naming the valid codecs, for an unknown codec or one that contradicts a raw
     *                                  extension ({@code .ulaw?codec=alaw})
     */
    public static Optional<TelephoneFormat> of(String extension, String codec) {
        String ext = extension.toLowerCase(Locale.ROOT);
        if (ext.equals("wav")) {
            if (codec == null) return Optional.of(WAV_ULAW);
            return Optional.of(switch (Codec.parse(codec)) {
                case ULAW -> WAV_ULAW;
                case ALAW -> WAV_ALAW;
                case PCM -> WAV_PCM;
            });
        }
        for (TelephoneFormat f : values()) {
            if (!f.wav() && f.extension.equals(ext)) {
                if (codec != null && Codec.parse(codec) != f.codec) {
                    throw new IllegalArgumentException("a ." + ext + " file is always " + ext
                            + "; use .wav?codec=" + codec.strip().toLowerCase(Locale.ROOT) + " for another codec");
                }
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
