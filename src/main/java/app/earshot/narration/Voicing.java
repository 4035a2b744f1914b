package app.earshot.narration;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.content.SpeechSettings;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.SpeechScript;
import app.earshot.speech.VoiceSettings;
import app.earshot.speech.Voices;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one content load is spoken: the script writer (normalisation and that load's lexicon) and the voice at each
 * speed; part of that load's {@link app.earshot.snapshot.Snapshot}. Immutable apart from a memo of scripts that belongs
 * to this load alone, so a reload (a new snapshot) can never leave an old script or voice behind; a request passes its
 * snapshot's voicing to every narration part, so a cache key and the synthesis it names always come from the same
 * settings.
 */
public final class Voicing {
    private record ScriptId(String pageTitle, Section section) {}

    private static final int MAX_REMEMBERED = 10_000;

    private final ScriptWriter writer;
    private final Map<Speed, VoiceSettings> voices;
    private final VoiceSettings promptVoice;
    private final Map<String, String> chosen; // site.yaml's eSpeak NG voice per language
    // Scripts depend only on the page title and the section (records compare by value) within one voicing.
    private final Map<ScriptId, SpeechScript> scripts = new ConcurrentHashMap<>();

    public Voicing(ScriptWriter writer, SpeechSettings speech) {
        this.writer = writer;
        Map<Speed, VoiceSettings> bySpeed = new EnumMap<>(Speed.class);
        for (Speed speed : Speed.values()) bySpeed.put(speed, new VoiceSettings(speech.voice(), speech.rate(speed), speech.pitch()));
        this.voices = Map.copyOf(bySpeed);
        this.promptVoice = new VoiceSettings(speech.voice(), speech.rate(), speech.pitch());
        this.chosen = speech.voices();
    }

    /** The script writer of this load (normaliser, acronyms, lexicon). */
    public ScriptWriter writer() {
        return writer;
    }

    /** What is said for {@code section}, written once per voicing. */
    public SpeechScript script(Page page, Section section) {
        if (scripts.size() > MAX_REMEMBERED) scripts.clear(); // only pages that keep changing get here
        return scripts.computeIfAbsent(new ScriptId(page.title(), section), id -> writer.section(page, section));
    }

    /** The paragraphs of {@link #script}, each with the block of the section it was made from. */
    public List<ScriptWriter.Passage> passages(Page page, Section section) {
        return writer.passages(page, section);
    }

    /** The script of a short prompt (IVR menus). */
    public SpeechScript prompt(String words) {
        return writer.prompt(words);
    }

    /** The voice at {@code speed}. */
    public VoiceSettings voice(Speed speed) {
        return voices.get(speed);
    }

    /**
     * The voice that speaks {@code page}, in its language, at {@code speed}: {@link #voice(Speed)} for English,
     * otherwise the eSpeak NG voice site.yaml chose for the language or {@link Voices#forLanguage} chooses, at the
     * same rate and pitch.
     */
    public VoiceSettings voice(Page page, Speed speed) {
        return voice(page.language(), speed);
    }

    /** The voice that speaks {@code language} at {@code speed} (the site's choice in site.yaml, if any). */
    public VoiceSettings voice(String language, Speed speed) {
        return Voices.forLanguage(language, voices.get(speed), chosen);
    }

    /** The script of a prompt in {@code language} (English as {@link #prompt(String)}). */
    public SpeechScript prompt(String words, String language) {
        return writer.prompt(words, language);
    }

    /** The voice of prompts in {@code language}: {@link #promptVoice()} for English, else its eSpeak NG voice. */
    public VoiceSettings promptVoice(String language) {
        return Voices.forLanguage(language, promptVoice, chosen);
    }

    /** The voice of prompts: the normal speed's. */
    public VoiceSettings promptVoice() {
        return promptVoice;
    }
}
