package app.earshot.audio;

import app.earshot.sound.Pcm;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.Speech;
import app.earshot.speech.VoiceSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * Measurement, not a test: the thread CPU of each stage a cold clip goes through, for one ~20 s paragraph, beside its
 * synthesis: loudness normalisation, WAV encoding, one SHA-256 pass over the WAV's bytes (the sealed store's piece
 * digest) and one CRC32C pass in 64 KiB pieces (the unsealed store's, {@code earshot-sum-4}), decoding it again, the
 * telephone filter, one P.56 reading of its output alone (the telephone level takes one or two), the telephone level,
 * G.711 WAV encoding. The mean of the second half of {@code runs} runs (the
 * first half warms the JIT). Run by {@code bench/cold-stages.sh} against a build's jar, under the launcher's JIT and
 * heap for a small site. Arguments: {@code runs} (default 40), and a file of paragraphs, one a line, spoken in turn (default: the one above).
 */
public final class ColdStagesBench {
    private static final String TEXT = "Ketamine is a medicine that doctors have used for many years as an anaesthetic."
            + " In lower doses it can help some people with depression that has not improved with other treatments."
            + " It works differently from most antidepressants, and its effects can be felt within hours rather than"
            + " weeks. Your care team will check your blood pressure before and after each session.";

    private ColdStagesBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        // A file of paragraphs, one a line, spoken in turn instead of the one paragraph (e.g. a bench/library.py page's).
        java.util.List<String> texts = args.length > 1
                ? java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList()
                : java.util.List.of(TEXT);
        String[] names = {"synthesis", "normalisation", "wav_encode", "sha256_pass", "crc32c_pass", "wav_decode", "telephone_filter",
                "telephone_meter", "telephone_level", "g711_wav"};
        long[] spent = new long[names.length];
        FreeTtsSynthesizer voice = new FreeTtsSynthesizer(1, Duration.ofSeconds(30));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int samples = 0;
        for (int run = 0; run < runs; run++) {
            long[] at = new long[names.length + 1];
            at[0] = threads.getCurrentThreadCpuTime();
            Speech speech = voice.speak(texts.get(run % texts.size()) + " Run " + run + ".", VoiceSettings.DEFAULT);
            at[1] = threads.getCurrentThreadCpuTime();
            Pcm clip = LoudnessNormaliser.narration(speech.audio());
            at[2] = threads.getCurrentThreadCpuTime();
            byte[] wav = Wav.encode(clip);
            at[3] = threads.getCurrentThreadCpuTime();
            MessageDigest.getInstance("SHA-256").digest(wav);
            at[4] = threads.getCurrentThreadCpuTime();
            for (int from = 0; from < wav.length; from += 1 << 16) {
                java.util.zip.CRC32C piece = new java.util.zip.CRC32C();
                piece.update(wav, from, Math.min(1 << 16, wav.length - from));
                piece.getValue();
            }
            at[5] = threads.getCurrentThreadCpuTime();
            Pcm back = Wav.decode(wav);
            at[6] = threads.getCurrentThreadCpuTime();
            Pcm narrow = Telephony.toNarrowband(back);
            at[7] = threads.getCurrentThreadCpuTime();
            ActiveSpeechLevel.measure(narrow);
            at[8] = threads.getCurrentThreadCpuTime();
            Pcm level = ActiveSpeechLevel.telephone(narrow);
            at[9] = threads.getCurrentThreadCpuTime();
            Telephony.wav(level, Codec.ULAW);
            at[10] = threads.getCurrentThreadCpuTime();
            if (run >= runs / 2) for (int i = 0; i < names.length; i++) spent[i] += at[i + 1] - at[i];
            samples = clip.length();
        }
        int counted = runs - runs / 2;
        System.out.printf(Locale.ROOT, "clip_samples=%d%n", samples);
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "%s_ms=%.2f times_synthesis=%.2f%n", names[i], spent[i] / 1e6 / counted,
                    spent[i] / (double) spent[0]);
        }
        System.exit(0);
    }
}
