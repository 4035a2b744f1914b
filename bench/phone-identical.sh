#!/usr/bin/env bash
# Are two servers' phone documents byte-identical? For a change that must leave a one-language site's line as it was:
# serve the same content with the old and the new build on one audio cache (so clip versions match), then run
#   bench/phone-identical.sh http://localhost:7391 http://localhost:7392 [page-slug]
# Compares the VoiceXML, grammars, TwiML turns and prompt clips of the site line and one page's line (hosts removed).
set -euo pipefail
a=$1; b=$2; slug=${3:-about-ketamine}
paths=(/ivr.vxml "/ivr/$slug.vxml" "/ivr/$slug.grxml" /ivr/keys.dtmf.grxml /ivr/twiml "/ivr/twiml?Digits=1"
  "/ivr/twiml?SpeechResult=repeat" "/ivr/$slug/twiml" "/ivr/$slug/twiml?Digits=2" "/ivr/$slug/twiml?SpeechResult=help"
  /telephony/prompts/goodbye.wav "/telephony/$slug/prompts/menu.wav")
same=0; differ=0
for p in "${paths[@]}"; do
  if cmp -s <(curl -fsS "$a$p" | sed "s#$a##g") <(curl -fsS "$b$p" | sed "s#$b##g"); then
    same=$((same + 1)); echo "same    $p"
  else
    differ=$((differ + 1)); echo "DIFFERS $p"
  fi
done
echo "$same identical, $differ different"
[[ $differ -eq 0 ]]
