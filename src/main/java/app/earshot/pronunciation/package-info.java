/** The pronunciation report: which words the voice would guess, where they are, and a checked lexicon entry for each. */
package app.earshot.pronunciation;
