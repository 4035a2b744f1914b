/** The content-addressed, verified store of everything derived from the content: audio, captions, books. */
package app.earshot.store;
