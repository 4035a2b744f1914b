// Reads an RSS feed on standard input and prints what podcast-partytime (a Podcasting 2.0 parser) makes of it, as JSON.
const { parseFeed } = require(process.argv[2]);
const xml = require("fs").readFileSync(0, "utf8");
const feed = parseFeed(xml, { allowMissingGuid: false });
process.stdout.write(JSON.stringify(feed));
