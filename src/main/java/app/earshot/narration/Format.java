package app.earshot.narration;

/** The containers narration is served in: uncompressed WAV, and MP3 made from it. */
public enum Format {
    WAV("wav", "audio/wav"),
    MP3("mp3", "audio/mpeg");

    private final String extension;
    private final String mediaType;

    Format(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** File extension without the dot, as in URLs and the cache. */
    public String extension() {
        return extension;
    }

    /** Content-Type to serve it with. */
    public String mediaType() {
        return mediaType;
    }

    /** "WAV" or "MP3", as download links name it. */
    public String label() {
        return name();
    }
}
