package app.earshot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark, not a test: what verifying a stored file costs. Run with
 * {@code java -cp target/classes:target/test-classes app.earshot.store.VerificationCost}; prints, per file size, the
 * median over 21 runs of a full verification (read + SHA-256, first use per process), of the stat made on every use, and
 * of reading and checking every 64 KiB piece (what streaming the whole file from disk adds; a Range checks only the
 * pieces it sends).
 */
public final class VerificationCost {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("earshot-verify");
        for (int size : new int[]{8_000, 382_436, 9_061_324}) {
            byte[] bytes = new byte[size];
            new Random(1).nextBytes(bytes);
            ArtifactStore store = new ArtifactStore(dir, 0, java.util.Map.of());
            String key = ArtifactStore.key("cost", Integer.toString(size));
            Artifact a = store.get(key, "bin", () -> bytes);
            double[] full = new double[21];
            double[] stat = new double[21];
            double[] pieces = new double[21];
            for (int i = 0; i < full.length; i++) {
                ArtifactStore fresh = new ArtifactStore(dir, 0, java.util.Map.of()); // as a new process finds the file
                long t0 = System.nanoTime();
                fresh.find(key, "bin").orElseThrow();
                long t1 = System.nanoTime();
                for (int j = 0; j < 1000; j++) if (!store.unchanged(a)) throw new IllegalStateException();
                long t2 = System.nanoTime();
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(a.path())) {
                    java.nio.ByteBuffer piece = java.nio.ByteBuffer.allocate(Artifact.PIECE_BYTES);
                    for (long index = 0; index * Artifact.PIECE_BYTES < a.size(); index++) {
                        piece.clear();
                        channel.read(piece, index * Artifact.PIECE_BYTES);
                        piece.flip();
                        if (!a.pieceIsIntact(index, piece)) throw new IllegalStateException("piece " + index);
                    }
                }
                pieces[i] = (System.nanoTime() - t2) / 1e6;
                full[i] = (t1 - t0) / 1e6;
                stat[i] = (t2 - t1) / 1e3 / 1000;
            }
            Arrays.sort(full);
            Arrays.sort(stat);
            Arrays.sort(pieces);
            System.out.printf(Locale.ROOT, "%,d bytes: full verification %.2f ms (min %.2f, max %.2f); per-use check %.1f us;"
                    + " every piece read and checked %.2f ms (min %.2f)%n", size, full[10], full[0], full[20], stat[10],
                    pieces[10], pieces[0]);
        }
    }
}
