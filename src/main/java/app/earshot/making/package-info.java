/** The one place that makes audio: admits people's productions before background work, and owns the background thread. */
package app.earshot.making;
