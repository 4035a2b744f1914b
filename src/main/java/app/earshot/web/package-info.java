/** HTTP: Javalin routes, FreeMarker views, headers and error pages. Asks other packages; parses nothing itself. */
package app.earshot.web;
