package app.earshot.store;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes one artifact so that no reader ever sees it half-written: the producer's bytes go to a temp file, which is
 * fsynced and checked, then its record and the file are renamed into place, record first (a crash between the two
 * renames leaves a record without a file, which is harmless, never a file without its record).
 */
final class AtomicWrite {
    private AtomicWrite() {}

    /**
     * Writes {@code producer}'s bytes to {@code file} and its record, signed with {@code seal}, beside it.
     *
     * @return the record written
     * @throws IOException           if the disk refused (nothing is left behind)
     * @throws IllegalStateException if the bytes fail {@code check} (nothing is left behind)
     */
    static Record write(Path file, ArtifactStore.Writer producer, Validator check, String extension, Seal seal) throws IOException {
        String unique = TempFiles.uniqueSuffix();
        try {
            return write(file, producer, check, extension, seal, unique);
        } finally {
            TempFiles.finished(unique);
        }
    }

    private static Record write(Path file, ArtifactStore.Writer producer, Validator check, String extension, Seal seal,
                                String unique) throws IOException {
        Path directory = file.getParent();
        Path temp = directory.resolve(file.getFileName() + unique);
        Path recordTemp = directory.resolve(file.getFileName() + Keys.RECORD_SUFFIX + unique);
        int version = Record.versionFor(seal);
        Pieces.Digester pieces = new Pieces.Digester(Record.kindOf(version));
        long length;
        try {
            Files.createDirectories(directory);
            try (LazyFile lazy = new LazyFile(temp)) {
                // Each byte is hashed once, into its piece's digest; the whole file's digest is made from those.
                CountingStream counted = new CountingStream(lazy, pieces);
                producer.writeTo(counted);
                counted.flush();
                length = counted.count;
                lazy.force();
            }
        } catch (IOException | RuntimeException | Error e) {
            TempFiles.deleteQuietly(temp);
            throw e;
        }
        Record record = Record.of(file.getFileName().toString(), length, pieces.finish(), version);
        try {
            check.check(temp);
        } catch (IOException e) {
            TempFiles.deleteQuietly(temp);
            // The disk failing the read (EIO, a mode) is not the producer's fault: say which it was.
            if (Problem.of(e) == Problem.UNREADABLE) {
                throw new UncheckedIOException("the ." + extension + " file just written could not be read back to check it: "
                        + e.getMessage(), e);
            }
            throw new IllegalStateException("producer made an invalid ." + extension + " file: " + e.getMessage(), e);
        }
        try {
            Files.write(recordTemp, record.encode(seal), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            Files.move(recordTemp, Keys.recordFile(file), StandardCopyOption.ATOMIC_MOVE);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            TempFiles.forceDirectory(directory);
            return record;
        } catch (IOException e) {
            TempFiles.deleteQuietly(temp);
            TempFiles.deleteQuietly(recordTemp);
            throw e;
        }
    }

    /**
     * The temp file, created only when the first byte arrives: synthesis runs inside the producer before it writes,
     * so a server stopped meanwhile leaves no empty temp file behind.
     */
    private static final class LazyFile extends OutputStream {
        private final Path temp;
        private FileChannel channel;
        private OutputStream out;

        LazyFile(Path temp) {
            this.temp = temp;
        }

        private OutputStream out() throws IOException {
            if (out == null) {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                // A small buffer: only small writes (a header, captions, MP3 frames being joined) are gathered in it;
                // the clips' 64 KiB pieces pass straight through, so a larger one would only be allocated per write.
                out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 13);
            }
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            out().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out().write(b, off, len);
        }

        /** Flushes and fsyncs: without this, a power cut after the rename can leave a zero-length file in place. */
        void force() throws IOException {
            out().flush();
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            if (out != null) out.close();
        }
    }

    /** Counts and digests per piece what passes through, so the record is of what was written. */
    private static final class CountingStream extends FilterOutputStream {
        private final Pieces.Digester pieces;
        long count;

        CountingStream(OutputStream out, Pieces.Digester pieces) {
            super(out);
            this.pieces = pieces;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            pieces.update(b, off, len);
            count += len;
        }
    }
}
