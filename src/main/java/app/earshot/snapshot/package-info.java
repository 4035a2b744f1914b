/** One load of the content folder as one immutable value, and the holder that swaps it whole on reload. */
package app.earshot.snapshot;
