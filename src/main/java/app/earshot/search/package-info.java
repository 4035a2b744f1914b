/** Full-text search over every section of a content snapshot: headings first, excerpts with the match marked. */
package app.earshot.search;
