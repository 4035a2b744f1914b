package app.earshot.store;

import app.earshot.audio.Signals;
import app.earshot.audio.Wav;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record formats: an unsealed store writes {@code earshot-sum-4} (a CRC32C per piece: disk rot is the threat,
 * and the JIT compiles CRC32C to the CPU's own instruction); a sealed store keeps {@code earshot-sum-3} (a SHA-256 per
 * piece, which no one without the key can match by changing the bytes); records of either, and of
 * {@code earshot-sum-2}, keep verifying.
 */
class RecordFormatTest {
    @TempDir
    Path dir;

    private final String key = ArtifactStore.key("page-1", "section-2", "kevin16", "150wpm");
    /** A WAV of three pieces and a bit. */
    private final byte[] big = Wav.encode(Signals.tone(16000, 440, 8000, 6.5));

    @Test
    void anUnsealedStoreRecordsACrc32cPerPieceAndTheDigestOfThose() throws Exception {
        Artifact a = new ArtifactStore(dir).get(key, "wav", () -> big);
        String pieces = crc32cPieces(big);
        assertEquals(4 * 8, pieces.length());
        String digest = sha256Hex((big.length + " " + pieces).getBytes(StandardCharsets.US_ASCII));
        assertEquals("earshot-sum-4 " + key + ".wav " + big.length + " " + digest + " " + pieces + "\n",
                Files.readString(a.path().resolveSibling(key + ".wav.sum")));
        assertEquals(digest, a.sha256());
    }

    @Test
    void aSealedStoreKeepsSha256Pieces() throws Exception {
        Path keyFile = Files.writeString(Files.createDirectories(dir.resolve("secret")).resolve("key"), "0123456789abcdef0123456789abcdef");
        Path cache = dir.resolve("cache");
        Seal seal = Seal.keyedFrom(keyFile, cache);
        Artifact a = new ArtifactStore(cache, app.earshot.making.Maker.open(), java.util.Map.of(), seal).get(key, "wav", () -> big);
        String[] fields = Files.readString(a.path().resolveSibling(key + ".wav.sum")).split(" ");
        assertEquals("earshot-sum-3", fields[0]);
        assertEquals(sha256Pieces(big), fields[4]);
    }

    @Test
    void aFileRecordedAsSum3IsServedWithoutBeingMadeAgainAndItsPiecesChecked() throws Exception {
        String pieces = sha256Pieces(big);
        writeRecorded(big, "earshot-sum-3 " + key + ".wav " + big.length + " "
                + sha256Hex((big.length + " " + pieces).getBytes(StandardCharsets.US_ASCII)) + " " + pieces + "\n");
        AtomicInteger made = new AtomicInteger();
        Artifact a = new ArtifactStore(dir).get(key, "wav", () -> { made.incrementAndGet(); return big; });
        assertEquals(0, made.get());
        assertArrayEquals(big, a.readAllBytes());
        assertTrue(a.pieceIsIntact(1, ByteBuffer.wrap(big, 1 << 16, 1 << 16)));
        byte[] damaged = big.clone();
        damaged[(1 << 16) + 5] ^= 1;
        assertFalse(a.pieceIsIntact(1, ByteBuffer.wrap(damaged, 1 << 16, 1 << 16)));
    }

    @Test
    void aSum4RecordWithAPieceOfAnotherLengthIsRefusedAndTheFileMadeAgain() throws Exception {
        String pieces = sha256Pieces(big); // 32 digits a piece where sum-4 has 8
        writeRecorded(big, "earshot-sum-4 " + key + ".wav " + big.length + " "
                + sha256Hex((big.length + " " + pieces).getBytes(StandardCharsets.US_ASCII)) + " " + pieces + "\n");
        AtomicInteger made = new AtomicInteger();
        new ArtifactStore(dir).get(key, "wav", () -> { made.incrementAndGet(); return big; });
        assertEquals(1, made.get());
    }

    @Test
    void aByteChangedInASum4FileWithItsSizeAndTimeKeptIsCaughtInEveryReadPath() throws Exception {
        Artifact a = new ArtifactStore(dir).get(key, "wav", () -> big);
        FileTime time = Files.getLastModifiedTime(a.path());
        byte[] damaged = big.clone();
        damaged[(2 << 16) + 100] ^= 0x10;
        Files.write(a.path(), damaged);
        Files.setLastModifiedTime(a.path(), time);
        assertFalse(a.pieceIsIntact(2, ByteBuffer.wrap(damaged, 2 << 16, 1 << 16)));
        assertTrue(a.pieceIsIntact(1, ByteBuffer.wrap(damaged, 1 << 16, 1 << 16)));
        assertFalse(a.isWhole(ByteBuffer.wrap(damaged)));
        assertThrows(java.io.IOException.class, a::readAllBytes);
        AtomicInteger made = new AtomicInteger();
        new ArtifactStore(dir).get(key, "wav", () -> { made.incrementAndGet(); return big; });
        assertEquals(1, made.get());
        assertArrayEquals(big, Files.readAllBytes(a.path()));
    }

    private void writeRecorded(byte[] bytes, String record) throws Exception {
        Path file = dir.resolve(key.substring(0, 2)).resolve(key + ".wav");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.writeString(file.resolveSibling(key + ".wav.sum"), record);
    }

    private static String crc32cPieces(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int at = 0; at < bytes.length; at += 1 << 16) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, at, Math.min(1 << 16, bytes.length - at));
            hex.append(String.format("%08x", crc.getValue()));
        }
        return hex.toString();
    }

    private static String sha256Pieces(byte[] bytes) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (int at = 0; at < bytes.length; at += 1 << 16) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, at, Math.min(1 << 16, bytes.length - at));
            hex.append(HexFormat.of().formatHex(sha.digest(), 0, 16));
        }
        return hex.toString();
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
