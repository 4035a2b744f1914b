// Read-along: filled in below.
