/**
 * Audio encoders (WAV, 8 kHz telephone G.711) and the content-addressed audio cache.
 */
package app.earshot.audio;
