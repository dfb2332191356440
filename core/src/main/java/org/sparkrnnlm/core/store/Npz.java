package org.sparkrnnlm.core.store;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip of {@code NAME.npy} entries, as {@code np.savez} (STORED) and
 * {@code np.savez_compressed} (DEFLATED) write it. Reads front to back from any stream, so it needs
 * no seekable file; neither method closes the stream it is given.
 */
public final class Npz {
    private static final int LOCAL_HEADER = 0x04034b50; // "PK\3\4", little-endian
    private static final int END_RECORD = 0x06054b50; // "PK\5\6"
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;

    private Npz() {}

    /** Reads every array of an .npz, keyed by name without ".npy", in the archive's order. */
    public static LinkedHashMap<String, NpyArray> read(InputStream in) throws IOException {
        TailStream raw = new TailStream(in, END_RECORD_SIZE + MAX_COMMENT);
        PushbackInputStream start = new PushbackInputStream(raw, 4);
        LinkedHashMap<String, NpyArray> arrays = new LinkedHashMap<>();
        String last = null; // the entry read last, to say where a cut file ends
        if (readSignature(start) == LOCAL_HEADER) {
            try (ZipInputStream zip = new ZipInputStream(start)) { // closing ends the Inflater; raw ignores close
                for (ZipEntry e; (e = nextEntry(zip, raw, last)) != null; last = e.getName()) {
                    arrays.put(keyOf(e.getName(), arrays), readEntry(zip, raw, e.getName()));
                }
            }
        }
        raw.transferTo(OutputStream.nullOutputStream()); // whatever ZipInputStream left: the zip directory
        if (!endsWithEndRecord(raw.tail())) {
            throw new ModelFormatException("truncated .npz: the archive ends " + after(last));
        }
        return arrays;
    }

    /** Writes an .npz that numpy's np.load reads (entries "NAME.npy", stored like np.savez). */
    public static void write(Map<String, NpyArray> arrays, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(unclosable(out))) {
            for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
                if (a.getKey() == null || a.getKey().isEmpty()) {
                    throw new IllegalArgumentException("an .npz array needs a non-empty name");
                }
                zip.putNextEntry(storedEntry(a.getKey() + ".npy", a.getValue()));
                Npy.write(a.getValue(), zip);
                zip.closeEntry();
            }
        }
    }

    // ---- writing

    /** STORED entries must carry size and CRC in their local header, so the array is encoded twice. */
    private static ZipEntry storedEntry(String name, NpyArray a) throws IOException {
        CRC32 crc = new CRC32();
        Npy.write(a, new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(Npy.size(a));
        e.setCompressedSize(Npy.size(a));
        e.setCrc(crc.getValue());
        return e;
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len); // FilterOutputStream would write byte by byte
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    // ---- reading

    /** The first four bytes, pushed back; anything but a zip entry or an empty zip is refused here. */
    private static int readSignature(PushbackInputStream in) throws IOException {
        byte[] b = in.readNBytes(4);
        in.unread(b);
        if (b.length == 0) {
            throw new ModelFormatException("not an .npz archive: the stream is empty");
        }
        int sig = b.length == 4 ? le32(b, 0) : 0;
        String begin = new String(b, StandardCharsets.ISO_8859_1);
        if (b.length < 4 && ("PK\3\4".startsWith(begin) || "PK\5\6".startsWith(begin))) {
            throw new ModelFormatException("truncated .npz: the archive ends after " + b.length + " bytes");
        } else if (sig != LOCAL_HEADER && sig != END_RECORD) {
            throw new ModelFormatException("not an .npz archive: it does not start with a zip signature"
                    + ((b[0] & 0xff) == 0x93 ? " (it looks like a single .npy array)" : ""));
        }
        return sig;
    }

    private static ZipEntry nextEntry(ZipInputStream zip, TailStream raw, String previous) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IOException | IllegalArgumentException e) { // IAE: an entry name that is not UTF-8
            if (e == raw.failure) {
                throw e; // the caller's stream failed: not a format problem
            }
            String why = e instanceof IllegalArgumentException ? "an entry name is not valid UTF-8" : e.getMessage();
            throw raw.isTruncation(e)
                    ? new ModelFormatException("truncated .npz: the archive ends " + after(previous))
                    : new ModelFormatException("corrupt .npz " + after(previous) + ": " + why);
        }
    }

    private static String keyOf(String name, Map<String, NpyArray> read) throws ModelFormatException {
        if (!name.endsWith(".npy")) {
            throw new ModelFormatException("unexpected entry '" + name
                    + "' in .npz: every entry must be an array named NAME.npy");
        }
        String key = name.substring(0, name.length() - ".npy".length());
        if (read.containsKey(key)) {
            throw new ModelFormatException("duplicate array '" + key + "' in .npz");
        }
        return key;
    }

    private static NpyArray readEntry(ZipInputStream zip, TailStream raw, String name) throws IOException {
        EntryStream entry = new EntryStream(zip, raw, name);
        NpyArray a = Npy.read(entry, name, ".npz");
        // Reading to the entry's end also makes ZipInputStream check a DEFLATED entry's CRC.
        long extra = entry.transferTo(OutputStream.nullOutputStream());
        if (entry.truncated) {
            throw new ModelFormatException("truncated .npz: the archive ends inside " + name);
        }
        if (extra > 0) {
            throw new ModelFormatException(name + " in .npz has " + extra + " bytes after the data its shape "
                    + Npy.pythonTuple(a.shape()) + " " + a.dtypeName() + " needs");
        }
        return a;
    }

    private static String after(String entry) {
        return entry == null ? "before its first entry" : "after " + entry;
    }

    /** ZipInputStream reads only entries; the end record proves the archive was not cut short after them. */
    private static boolean endsWithEndRecord(byte[] tail) {
        for (int i = tail.length - END_RECORD_SIZE; i >= 0; i--) {
            int commentLength = (tail[i + 20] & 0xff) | (tail[i + 21] & 0xff) << 8;
            if (le32(tail, i) == END_RECORD && i + END_RECORD_SIZE + commentLength == tail.length) {
                return true;
            }
        }
        return false;
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    /**
     * The caller's stream, seen by ZipInputStream: notes end of stream and failures (to tell a cut file
     * from a corrupt one or a broken connection), keeps the last bytes (for the end record) and never
     * closes the caller's stream.
     */
    private static final class TailStream extends InputStream {
        private final InputStream in;
        private final byte[] ring;
        private long total;
        private boolean eof;
        IOException failure;

        TailStream(InputStream in, int keep) {
            this.in = in;
            this.ring = new byte[keep];
        }

        /**
         * Whether a zip error means the file ended early: ZipInputStream reports that as EOFException,
         * except inside a STORED entry ("unexpected EOF"); bad CRCs and sizes can also come after the
         * last byte was read, so end of stream alone proves nothing.
         */
        boolean isTruncation(Exception e) {
            return e instanceof EOFException
                    || (eof && e instanceof ZipException && "unexpected EOF".equals(e.getMessage()));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n < 0) {
                eof = true;
            } else {
                remember(b, off, n);
            }
            return n;
        }

        private void remember(byte[] b, int off, int n) {
            int keep = Math.min(n, ring.length);
            int pos = (int) ((total + n - keep) % ring.length);
            int first = Math.min(keep, ring.length - pos);
            System.arraycopy(b, off + n - keep, ring, pos, first);
            System.arraycopy(b, off + n - keep + first, ring, 0, keep - first);
            total += n;
        }

        byte[] tail() {
            int n = (int) Math.min(total, ring.length);
            byte[] out = new byte[n];
            int start = (int) ((total - n) % ring.length);
            int first = Math.min(n, ring.length - start);
            System.arraycopy(ring, start, out, 0, first);
            System.arraycopy(ring, 0, out, first, n - first);
            return out;
        }

        @Override
        public void close() {
            // The caller owns the stream.
        }
    }

    /**
     * One entry's bytes. A cut file shows as end of data, so that Npy can say how far the array got;
     * any other zip error (bad CRC, bad deflate data) is corruption.
     */
    private static final class EntryStream extends InputStream {
        private final ZipInputStream zip;
        private final TailStream raw;
        private final String name;
        boolean truncated;

        EntryStream(ZipInputStream zip, TailStream raw, String name) {
            this.zip = zip;
            this.raw = raw;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (truncated) {
                return -1; // ZipInputStream is in no state to be read again
            }
            try {
                return zip.read(b, off, len);
            } catch (IOException e) {
                if (e == raw.failure) {
                    throw e;
                } else if (!raw.isTruncation(e)) {
                    throw new ModelFormatException("corrupt .npz: " + name + ": " + e.getMessage());
                }
                truncated = true;
                return -1;
            }
        }
    }
}
