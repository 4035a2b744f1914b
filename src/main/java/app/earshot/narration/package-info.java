/** Narration: makes, caches and describes every audio rendering of the content (clips, captions, chapters). */
package app.earshot.narration;
