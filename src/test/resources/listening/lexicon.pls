<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">
  <lexeme>
    <grapheme>NMDA</grapheme>
    <alias>N-M-D-A</alias>
  </lexeme>
  <lexeme>
    <grapheme>988</grapheme>
    <alias>nine-eight-eight</alias>
  </lexeme>
</lexicon>
