/** EPUB 3 talking books: the written page with its narration, synchronised sentence by sentence (Media Overlays). */
package app.earshot.epub;
