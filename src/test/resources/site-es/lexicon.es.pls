<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pronunciation lexicon for the Spanish pages (eSpeak NG, voice es-419). Only <alias> applies: eSpeak NG takes the
  alias as text, so each is a respelling in Spanish; phonemes are for FreeTTS and are ignored here.
  Hyphenated aliases stay one token, so word timings and captions keep one entry per word.
-->
<lexicon version="1.0"
         xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="es">

  <!-- As a Spanish speaker says the agency's initials. -->
  <lexeme>
    <grapheme>FDA</grapheme>
    <alias>efe-de-a</alias>
  </lexeme>
</lexicon>
