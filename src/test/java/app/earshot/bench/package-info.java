/** Measurements, not tests: mains that bench/*.sh scripts run on the test classpath. */
package app.earshot.bench;
