<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pronunciation lexicon for Earshot narration (FreeTTS, voice kevin16).
  Only <alias> changes what is said: the text is rewritten before synthesis, so each alias is a
  respelling that FreeTTS's own lexicon and letter-to-sound rules say correctly. Every entry was
  checked by running the respelling through the voice and reading back its phones (shown below).
  Graphemes match whole words, case-sensitively, so capitalised forms are listed too.
  Hyphenated aliases stay one token, so word timings and captions keep one entry per word.
-->
<lexicon version="1.0"
         xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="en-US">

  <!-- FreeTTS reads "NMDA" as one syllable "nmduh" (n m d ax). Spelled with hyphens it says
       eh n, eh m, d iy, ey; with spaces the final "A" would become the article "uh". -->
  <lexeme>
    <grapheme>NMDA</grapheme>
    <alias>N-M-D-A</alias>
  </lexeme>

  <!-- FreeTTS reads "FDA" as "fduh" (f d ax). "F-D-A" gives eh f, d iy, ey, also in "FDA-approved". -->
  <lexeme>
    <grapheme>FDA</grapheme>
    <alias>F-D-A</alias>
  </lexeme>

  <!-- FreeTTS reads "OCD" as one syllable "uhkd" (ax k d). "O-C-D" gives ow, s iy, d iy. -->
  <lexeme>
    <grapheme>OCD</grapheme>
    <alias>O-C-D</alias>
  </lexeme>

  <!-- FreeTTS already spells "PTSD" (it is unpronounceable as a word); pinned to the same
       hyphenated spelling so all acronyms behave alike and do not depend on that guess. -->
  <lexeme>
    <grapheme>PTSD</grapheme>
    <alias>P-T-S-D</alias>
  </lexeme>

  <!-- Not in the CMU dictionary; letter-to-sound gives "ES-kuh-tuh-meen" (eh1 s k ax t ax m iy1 n).
       "es-ketamine" gives eh1 s + k eh1 t ax m iy1 n: es-KET-uh-meen. -->
  <lexeme>
    <grapheme>esketamine</grapheme>
    <grapheme>Esketamine</grapheme>
    <alias>es-ketamine</alias>
  </lexeme>

  <!-- Not in the CMU dictionary, but letter-to-sound already says it right (k eh1 t ax m iy1 n),
       also in "ketamine's". No alias, so the text and captions stay as written; the phoneme
       records the pronunciation for engines that read PLS phonemes. -->
  <lexeme>
    <grapheme>ketamine</grapheme>
    <grapheme>Ketamine</grapheme>
    <phoneme>ˈkɛtəmiːn</phoneme>
  </lexeme>

  <!-- Letter-to-sound stresses the wrong syllable: "eye-DEE-uh-shun" (ay d iy1 ax sh ax n).
       "idee-ayshen" gives ay d iy + ey1 sh ax n: eye-dee-AY-shun. -->
  <lexeme>
    <grapheme>ideation</grapheme>
    <grapheme>Ideation</grapheme>
    <alias>idee-ayshen</alias>
  </lexeme>

  <!-- Letter-to-sound garbles it: "NYOOR-uh-bee-AHL-AHJ-ik-ul" (n y uw1 r ax b iy aa1 l aa1 jh ...).
       "neuro-biological" gives n uh1 r ow1 + b ay ax l aa1 jh ih k ax l. -->
  <lexeme>
    <grapheme>neurobiological</grapheme>
    <grapheme>Neurobiological</grapheme>
    <alias>neuro-biological</alias>
  </lexeme>

  <!-- Letter-to-sound reduces "neuro" to "nyoor-uh" (n y uh1 r ax p l ae1 s ...); understandable,
       but "neuro-plasticity" (n uh1 r ow1 + p l ae1 s t ih1 s ax t iy) matches neurobiological. -->
  <lexeme>
    <grapheme>neuroplasticity</grapheme>
    <grapheme>Neuroplasticity</grapheme>
    <alias>neuro-plasticity</alias>
  </lexeme>

  <!-- Letter-to-sound says "NOR-uh-PIN-if-rine" (n ao1 r ax p ih1 n ih f r ay1 n).
       "nor-eppa-neffrin" gives n ao1 r + eh1 p ax + n eh1 f r ih1 n: nor-EP-uh-NEF-rin. -->
  <lexeme>
    <grapheme>norepinephrine</grapheme>
    <grapheme>Norepinephrine</grapheme>
    <alias>nor-eppa-neffrin</alias>
  </lexeme>

  <!-- Letter-to-sound says "ROY-up-take" (r oy1 ah1 p t ey1 k). "ree-uptake" gives r iy1 + ah1 p t ey1 k;
       "re-uptake" would not do: the dictionary's "re" is r ey1. -->
  <lexeme>
    <grapheme>reuptake</grapheme>
    <grapheme>Reuptake</grapheme>
    <alias>ree-uptake</alias>
  </lexeme>

  <!-- The entries below were found by the speech check, earshot check with the speech option (words FreeTTS's dictionary does not have).
       FreeTTS drops the apostrophe and guesses "havent": "HAV-ENT" (hh ae1 v eh1 n t).
       "havnt" gives hh ae1 v n t: HAV-nt, as the word is said. -->
  <lexeme>
    <grapheme>haven't</grapheme>
    <grapheme>Haven't</grapheme>
    <alias>havnt</alias>
  </lexeme>

  <!-- Not in the dictionary, but letter-to-sound already says these right, so no alias: the phoneme
       records the checked pronunciation and keeps them out of the report.
       plasticity: p l ae1 s t ih1 s ax t iy (plas-TIS-uh-tee). -->
  <lexeme>
    <grapheme>plasticity</grapheme>
    <grapheme>Plasticity</grapheme>
    <phoneme>plæˈstɪsəti</phoneme>
  </lexeme>

  <!-- postpartum: p ow1 s t p aa1 r t ax m (post-PAR-tum). -->
  <lexeme>
    <grapheme>postpartum</grapheme>
    <grapheme>Postpartum</grapheme>
    <phoneme>poʊstˈpɑːrtəm</phoneme>
  </lexeme>

  <!-- breastfeeding: b r eh1 s t f iy d ih ng (BREST-fee-ding). -->
  <lexeme>
    <grapheme>breastfeeding</grapheme>
    <grapheme>Breastfeeding</grapheme>
    <phoneme>ˈbrɛstfiːdɪŋ</phoneme>
  </lexeme>

  <!-- The 988 Suicide & Crisis Lifeline is a phone number, said digit by digit ("nine eight eight"), not
       "nine hundred eighty-eight". Phones with the alias: n ay n ey t ey t. -->
  <lexeme>
    <grapheme>988</grapheme>
    <alias>nine-eight-eight</alias>
  </lexeme>
</lexicon>
