package app.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Ffmpeg;
import app.earshot.sound.Pcm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which LAME encodes (native libmp3lame, else jump3r), and that either one's MP3s are whole, exact and joinable. */
class Mp3EngineTest {
    static final Pcm SPEECHLIKE = Signals.tone(16000, 300, 6000, 1.7);
    static final Mp3Engine.Maker NATIVE = LibMp3Lame.open(Mp3Engine.DEFAULT_LIBRARY);

    @Test
    void nativeLibmp3lameEncodesWhenItIsInstalledAndTheCacheKeySaysSo() {
        assertTrue(Mp3.FORMAT_ID.startsWith("mp3:libmp3lame-3."), Mp3.FORMAT_ID);
        assertArrayEquals(Mp3.encode(SPEECHLIKE, NATIVE), Mp3.encode(SPEECHLIKE));
    }

    @Test
    void aMissingLibraryFallsBackToJump3rWithItsOwnCacheKey() {
        Mp3Engine.Maker fallback = Mp3Engine.choose("/nonexistent/libmp3lame.so.0");
        assertSame(Mp3Jump3r.MAKER, fallback);
        assertNotEquals(Mp3.formatId(NATIVE), Mp3.formatId(fallback), "the two encoders' frames are never joined");
        assertTrue(Mp3.formatId(fallback).contains("jump3r"), Mp3.formatId(fallback));
    }

    @Test
    void eitherEncoderWritesAnExactLengthFfmpegDecodes(@TempDir Path dir) throws Exception {
        for (Mp3Engine.Maker engine : List.of(NATIVE, Mp3Jump3r.MAKER)) {
            Path file = Files.write(dir.resolve(engine.id() + ".mp3"), Mp3.encode(SPEECHLIKE, engine));
            Mp3Info info = Mp3.inspect(file);
            assertEquals(SPEECHLIKE.length(), info.samples(), engine.id());
            assertEquals(SPEECHLIKE.seconds(), Ffmpeg.decodedSeconds(file, 16000), 1.0 / 16000, engine.id());
        }
    }

    @Test
    void aStreamedSessionWritesTheSameBytesAsOneEncoding(@TempDir Path dir) throws Exception {
        byte[] wav = Wav.encode(SPEECHLIKE);
        Path file = dir.resolve("session.mp3");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Mp3.Session session = new Mp3.Session(NATIVE, 16000, channel);
            for (int at = 44; at < wav.length; at += 777) session.write(wav, at, Math.min(777, wav.length - at));
            long length = session.finish();
            assertEquals(Files.size(file), length);
        }
        assertArrayEquals(Mp3.encode(SPEECHLIKE, NATIVE), Files.readAllBytes(file));
    }

    @Test
    void samplesInHandAndSilenceWriteTheSameBytesAsTheirWav(@TempDir Path dir) throws Exception {
        int tail = 20_000; // more than a chunk's room: the silence crosses a chunk's end
        Path file = dir.resolve("in-hand.mp3");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Mp3.Session session = new Mp3.Session(NATIVE, 16000, channel);
            session.write(SPEECHLIKE.samples(), 0, 1001);
            session.write(SPEECHLIKE.samples(), 1001, SPEECHLIKE.length() - 1001);
            session.silence(tail);
            session.finish();
        }
        assertArrayEquals(Mp3.encode(SPEECHLIKE.withSilenceAfter(tail), NATIVE), Files.readAllBytes(file));
    }

    @Test
    void nativeClipsJoinIntoOneMp3OfExactlyTheirSamplesAndPauses() throws Exception {
        int pause = 8000;
        Pcm a = padded(Signals.tone(16000, 300, 6000, 1.1), pause);
        Pcm b = padded(Signals.tone(16000, 500, 6000, 0.7), pause);
        byte[] first = Mp3.encode(a, NATIVE);
        byte[] second = Mp3.encode(b, NATIVE);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        Mp3Join.join(List.of(part(first), part(second)), pause, joined);
        Mp3Info info = Mp3.inspect(joined.toByteArray());
        assertEquals(a.length() + pause + b.length(), info.samples());
    }

    @Test
    void aFinishedEncodingRefusesMoreSamples() {
        Mp3Engine encoding = NATIVE.start(16000, Mp3.QUALITY);
        byte[] out = new byte[Mp3.BUFFER];
        encoding.flush(out);
        assertTrue(encoding.tagFrame(out) > 0);
        assertThrows(IllegalStateException.class, () -> encoding.encode(new short[10], 10, out));
    }

    private static Pcm padded(Pcm pcm, int pause) {
        short[] samples = java.util.Arrays.copyOf(pcm.samples(), pcm.length() + (int) Mp3.joinPadding(pcm.length(), pause, 16000));
        return new Pcm(16000, samples);
    }

    private static Mp3Join.Part part(byte[] mp3) throws InvalidMp3Exception {
        Mp3Info info = Mp3.inspect(mp3);
        return new Mp3Join.Part() {
            public Mp3Info info() {
                return info;
            }

            public void copyTo(OutputStream out) throws IOException {
                out.write(mp3);
            }
        };
    }
}
