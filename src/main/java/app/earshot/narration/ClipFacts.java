package app.earshot.narration;

/** Byte size and playing time of a stored clip. */
public record ClipFacts(long size, double seconds) {}
