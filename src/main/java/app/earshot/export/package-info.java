/** Static export: a complete copy of the site as plain files, for any static host or CDN. */
package app.earshot.export;
