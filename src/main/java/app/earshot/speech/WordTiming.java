package app.earshot.speech;

/**
 * When one written token is heard in a clip.
 *
 * @param token the token as written in the script ("2019", "NMDA")
 * @param start seconds from the start of the clip
 * @param end   seconds from the start of the clip
 */
public record WordTiming(String token, double start, double end) {}
