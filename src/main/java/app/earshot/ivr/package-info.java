/** Phone menus: keypad keys for every section, the call flow, and the VoiceXML and TwiML documents that drive it. */
package app.earshot.ivr;
