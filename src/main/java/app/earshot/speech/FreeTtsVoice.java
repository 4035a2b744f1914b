package app.earshot.speech;

import app.earshot.sound.Pcm;
import com.sun.speech.freetts.Item;
import com.sun.speech.freetts.ItemContents;
import com.sun.speech.freetts.OutputQueue;
import com.sun.speech.freetts.ProcessException;
import com.sun.speech.freetts.Relation;
import com.sun.speech.freetts.Tokenizer;
import com.sun.speech.freetts.Utterance;
import com.sun.speech.freetts.UtteranceProcessor;
import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.TokenToWords;
import com.sun.speech.freetts.lexicon.Lexicon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sound.sampled.AudioFormat;


/**
 * One allocated FreeTTS voice of {@link FreeTtsSynthesizer}'s pool, with its own audio collector and word-timing
 * recorder: speaks paragraphs into PCM with one timing per token, and says how it would pronounce text. Used by one
 * thread at a time.
 */
final class FreeTtsVoice implements UtteranceProcessor {
    // Endings FreeTTS splits off a word ("you've" -> "you" + "'ve") and says as their one consonant; never a guess.
    private static final Set<String> ENDINGS = Set.of("'s", "'ll", "'ve", "'d");
    private static final Object ALLOCATION = new Object();
    private final Voice voice;
    private final FreeTtsPlayer player = new FreeTtsPlayer();
    private final List<WordTiming> timings = new ArrayList<>();

    FreeTtsVoice(Voice voice) {
        this.voice = voice;
        voice.setAudioPlayer(player);
        try {
            // FreeTTS's allocation fills shared static tables (seen: IndexOutOfBoundsException when warm allocated
            // two voices at once), so voices are allocated one at a time in the whole JVM; speaking stays parallel.
            synchronized (ALLOCATION) {
                voice.allocate();
            }
        } catch (RuntimeException | Error e) {
            throw new SynthesisException("FreeTTS could not allocate voice '" + voice.getName() + "': " + e, e);
        }
        // allocate() starts an output thread that writes audio while the next utterance is processed. Running
        // output on the caller's thread instead means our processor (last in the chain) sees exactly the audio
        // written before its utterance, which is the offset word timings need; it also saves a thread per voice.
        OutputQueue queue = voice.getOutputQueue();
        voice.setOutputQueue(null);
        if (queue != null) queue.close();
        voice.getUtteranceProcessors().add(this);
    }

    Speech speak(List<String> paragraphs, VoiceSettings settings) {
        player.startClip();
        timings.clear();
        // Voices are reused across requests, so every request sets both again.
        voice.setRate(settings.rateWpm());
        voice.setPitch(settings.pitchHz());
        for (int i = 0; i < paragraphs.size(); i++) {
            // Only between heard paragraphs: a silent first paragraph ("—") must not delay the speech.
            if (player.seconds() > 0) player.writeSilence(FreeTtsSynthesizer.PARAGRAPH_PAUSE_SECONDS);
            boolean ok;
            try {
                ok = voice.speak(paragraphs.get(i));
            } catch (RuntimeException e) {
                throw new SynthesisException("FreeTTS failed on paragraph " + (i + 1) + ": " + e, e);
            }
            if (!ok) {
                throw new SynthesisException("FreeTTS could not speak paragraph " + (i + 1) + " of "
                        + paragraphs.size());
            }
        }
        Pcm audio = player.pcm();
        if (audio.length() == 0) return FreeTtsSynthesizer.silence();
        double clip = audio.seconds();
        // The voice keeps part of its closing pause, so clamping is a guard, not a correction.
        List<WordTiming> inside = timings.stream()
                .map(t -> new WordTiming(t.token(), Math.min(t.start(), clip), Math.min(t.end(), clip)))
                .toList();
        return new Speech(audio, inside);
    }

    /**
     * Records token timings for one utterance. Runs after FreeTTS has computed segment durations and just before
     * the utterance's audio is written, so the audio collected so far is this utterance's offset in the clip.
     * FreeTTS reports times from segment {@code end} features; the audio it writes per utterance is ~0.1 s
     * shorter than the last segment end (the closing pause is cut), so summing {@code end} values would drift.
     */
    @Override
    public void processUtterance(Utterance utterance) {
        Relation words = utterance.getRelation(Relation.WORD);
        if (words == null) return;
        double offset = player.seconds();
        ItemContents token = null;
        String text = null;
        double start = 0;
        double end = 0;
        for (Item word = words.getHead(); word != null; word = word.getNext()) {
            Item structure = word.getItemAs(Relation.SYLLABLE_STRUCTURE);
            Item firstSyllable = structure == null ? null : structure.getDaughter();
            Item lastSyllable = structure == null ? null : structure.getLastDaughter();
            Item firstSegment = firstSyllable == null ? null : firstSyllable.getDaughter();
            Item lastSegment = lastSyllable == null ? null : lastSyllable.getLastDaughter();
            Item inTokens = word.getItemAs(Relation.TOKEN);
            Item wordToken = inTokens == null ? null : inTokens.getParent();
            // Words with no sound (a lone dash) have no segments; they get no timing.
            if (firstSegment == null || lastSegment == null || wordToken == null) continue;

            Item before = firstSegment.getItemAs(Relation.SEGMENT).getPrevious();
            double wordStart = before == null ? 0 : before.getFeatures().getFloat("end");
            double wordEnd = lastSegment.getFeatures().getFloat("end");
            // "2019" is spoken as three words that share one token: extend rather than add a timing.
            if (wordToken.getSharedContents() == token) {
                end = wordEnd;
                continue;
            }
            if (token != null) timings.add(timing(text, offset + start, offset + end));
            token = wordToken.getSharedContents();
            text = wordToken.getFeatures().getString("name");
            start = wordStart;
            end = wordEnd;
        }
        if (token != null) timings.add(timing(text, offset + start, offset + end));
    }

    /** Rounded to the microsecond so FreeTTS's float noise (0.20000000298) does not leak into APIs. */
    private static WordTiming timing(String token, double start, double end) {
        return new WordTiming(token, Math.round(start * 1e6) / 1e6, Math.round(end * 1e6) / 1e6);
    }

    /** Phones of {@code word} from the voice's lexicon or the full dictionary, never from letter-to-sound rules. */
    static String[] known(Lexicon voiceLexicon, Lexicon full, String word) {
        String[] phones = voiceLexicon.getPhones(word, null, false);
        return phones != null ? phones : full.getPhones(word, null, false);
    }

    List<Pronouncer.Token> pronounce(String text, Lexicon full) {
        Tokenizer tokenizer = voice.getTokenizer();
        tokenizer.setInputText(text);
        List<com.sun.speech.freetts.Token> tokens = new ArrayList<>();
        while (tokenizer.hasMoreTokens()) {
            com.sun.speech.freetts.Token token = tokenizer.getNextToken();
            if (token != null && token.getWord() != null && !token.getWord().isEmpty()) tokens.add(token);
        }
        if (tokens.isEmpty()) return List.of();
        Utterance utterance = new Utterance(voice, tokens);
        try {
            for (Object processor : voice.getUtteranceProcessors()) {
                ((UtteranceProcessor) processor).processUtterance(utterance);
                if (processor instanceof TokenToWords) break;
            }
        } catch (ProcessException | RuntimeException e) {
            throw new SynthesisException("FreeTTS could not read \"" + text + "\": " + e, e);
        }
        Lexicon lexicon = voice.getLexicon();
        List<Pronouncer.Token> out = new ArrayList<>();
        Item currentToken = null;
        List<Pronouncer.Word> words = new ArrayList<>();
        Relation wordRelation = utterance.getRelation(Relation.WORD);
        for (Item word = wordRelation == null ? null : wordRelation.getHead(); word != null; word = word.getNext()) {
            Item inTokens = word.getItemAs(Relation.TOKEN);
            Item token = inTokens == null ? null : inTokens.getParent();
            if (token != currentToken && currentToken != null) {
                out.add(new Pronouncer.Token(currentToken.toString(), words));
                words = new ArrayList<>();
            }
            currentToken = token;
            String name = word.toString();
            // The voice says what its own lexicon (or failing that, its rules) gives, even for a word only the full
            // dictionary knows: flite dropped such words because the rules say them the same way.
            String[] phones = lexicon.getPhones(name, null, true);
            boolean knownWord = known(lexicon, full, name) != null || ENDINGS.contains(name);
            words.add(new Pronouncer.Word(name, phones == null ? List.of() : Arrays.asList(phones), knownWord));
        }
        if (currentToken != null) out.add(new Pronouncer.Token(currentToken.toString(), words));
        return out;
    }

    /** The format the voice speaks in, known once it has spoken; null before. */
    AudioFormat format() {
        return player.format();
    }

    /** The voice's own lexicon. */
    Lexicon lexicon() {
        return voice.getLexicon();
    }

    void deallocate() {
        voice.deallocate();
    }
}
