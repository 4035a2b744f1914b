package app.earshot.speech;

/**
 * What is said for one section.
 *
 * @param text   the words as they should be read in captions: normalised for speech (numbers,
 *               symbols and abbreviations written out) but spelled as the author wrote them;
 *               paragraphs separated by blank lines
 * @param spoken the same words with the pronunciation lexicon applied: what the synthesizer gets.
 *               Every alias is a single token, so {@code spoken} has as many words as {@code text}
 */
public record SpeechScript(String text, String spoken) {}
