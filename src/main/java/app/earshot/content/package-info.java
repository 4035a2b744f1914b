/** The content model (site, pages, sections) and its loading and validation from {@code content/}. */
package app.earshot.content;
