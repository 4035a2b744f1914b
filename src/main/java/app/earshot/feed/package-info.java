/** Feeds: the podcast feed (RSS 2.0 with iTunes tags) and extended M3U playlists, written from prepared facts. */
package app.earshot.feed;
