/** The words the server writes around the content, one catalogue per language (a leaf: it depends on no other package). */
package app.earshot.messages;
