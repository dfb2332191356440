package org.sparkrnnlm.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    private static Boolean numpyAvailable;

    @TempDir
    Path tmp;

    // ---- helpers

    private static byte[] npz(Map<String, NpyArray> arrays) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.write(arrays, out);
        return out.toByteArray();
    }

    private static LinkedHashMap<String, NpyArray> read(byte[] b) throws IOException {
        return Npz.read(new ByteArrayInputStream(b));
    }

    private static ModelFormatException readFails(byte[] b) {
        return assertThrows(ModelFormatException.class, () -> read(b));
    }

    /** A small model-like archive: 2-d float32, 1-d float64 and a 0-d scalar. */
    private static LinkedHashMap<String, NpyArray> sample() {
        LinkedHashMap<String, NpyArray> m = new LinkedHashMap<>();
        m.put("U", NpyArray.ofFloats(new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.NaN, 0, 1e-7f}));
        m.put("b", NpyArray.ofDoubles(new long[] {4}, new double[] {Math.PI, -0.0, 1e300, 7}));
        m.put("epoch", NpyArray.ofDoubles(new long[0], new double[] {12}));
        return m;
    }

    private static byte[] npyBytes(NpyArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(a, out);
        return out.toByteArray();
    }

    /** A zip with the given entries (name, then content), STORED or DEFLATED. */
    private static byte[] zip(boolean deflate, Object... nameThenBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                byte[] content = (byte[]) nameThenBytes[i + 1];
                ZipEntry e = new ZipEntry((String) nameThenBytes[i]);
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(content.length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void assertSameArrays(Map<String, NpyArray> expected, Map<String, NpyArray> actual) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        for (String k : expected.keySet()) {
            NpyArray e = expected.get(k);
            NpyArray a = actual.get(k);
            assertArrayEquals(e.shape(), a.shape(), k);
            assertEquals(e.dtypeName(), a.dtypeName(), k);
            if (e.isDouble()) {
                assertArrayEquals(NpyTest.bits(e.doubles()), NpyTest.bits(a.doubles()), k);
            } else {
                assertArrayEquals(NpyTest.bits(e.floats()), NpyTest.bits(a.floats()), k);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- round trips

    @Test
    void roundTripsArraysBitExactInInsertionOrder() throws IOException {
        assertSameArrays(sample(), read(npz(sample())));
    }

    @Test
    void roundTripsEmptyArchive() throws IOException {
        assertTrue(read(npz(Map.of())).isEmpty());
    }

    @Test
    void writesStoredEntriesNamedDotNpyHoldingNpyBytes() throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(npz(sample())))) {
            for (Map.Entry<String, NpyArray> a : sample().entrySet()) {
                ZipEntry e = zip.getNextEntry();
                assertEquals(a.getKey() + ".npy", e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod());
                byte[] content = zip.readAllBytes(); // ZipInputStream checks the CRC at the end of a STORED entry
                assertEquals(e.getSize(), content.length);
                assertArrayEquals(npyBytes(a.getValue()), content);
            }
            assertEquals(null, zip.getNextEntry());
        }
    }

    @Test
    void leavesCallersStreamsOpen() throws IOException {
        boolean[] closed = {false, false};
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Npz.write(sample(), out);
        InputStream in = new ByteArrayInputStream(((ByteArrayOutputStream) out).toByteArray()) {
            @Override
            public void close() {
                closed[1] = true;
            }
        };
        Npz.read(in);
        assertFalse(closed[0]);
        assertFalse(closed[1]);
    }

    @Test
    void readsDeflatedEntries() throws IOException {
        Map<String, NpyArray> m = sample();
        byte[] b = zip(true, "U.npy", npyBytes(m.get("U")), "b.npy", npyBytes(m.get("b")),
                "epoch.npy", npyBytes(m.get("epoch")));
        assertSameArrays(m, read(b));
    }

    @Test
    void readsFromStreamThatReturnsFewBytesPerRead() throws IOException {
        byte[] b = npz(sample());
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, 7));
            }
        };
        assertSameArrays(sample(), Npz.read(trickle));
    }

    @Test
    void readsAndWritesModelSizedMatrixInMilliseconds() throws IOException {
        float[] data = new float[8000 * 100];
        Arrays.fill(data, 0.25f);
        Map<String, NpyArray> m = Map.of("V", NpyArray.ofFloats(new long[] {8000, 100}, data));
        npz(m); // warm up
        long start = System.nanoTime();
        byte[] b = npz(m);
        LinkedHashMap<String, NpyArray> back = read(b);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0.25f, back.get("V").floats()[799_999]);
        // Per-element streams take several times longer than bulk buffers; this bound only catches that.
        assertTrue(millis < 1000, "8000x100 write + read took " + millis + " ms");
    }

    @Test
    void readsTheanoTrainedModel() throws IOException {
        Path p = Paths.get(System.getProperty("shared.dir", "../../shared"), "data", "trained-model-theano.npz");
        Assumptions.assumeTrue(Files.exists(p), "../shared/data missing: skipping the Theano model test (" + p + ")");
        LinkedHashMap<String, NpyArray> m;
        try (InputStream in = Files.newInputStream(p)) {
            m = Npz.read(in);
        }
        assertEquals(List.of("U", "W", "V"), new ArrayList<>(m.keySet())); // the archive's order
        assertArrayEquals(new long[] {50, 8000}, m.get("U").shape());
        assertArrayEquals(new long[] {8000, 50}, m.get("V").shape());
        assertArrayEquals(new long[] {50, 50}, m.get("W").shape());
        // Sums as numpy computes them: float(np.load(f)[k].astype(np.float64).sum())
        Map<String, Double> numpySums = Map.of("U", 38.40625210526757, "W", 19.35415027901763, "V", 140.12465691855846);
        for (Map.Entry<String, NpyArray> e : m.entrySet()) {
            assertEquals("float32", e.getValue().dtypeName());
            assertEquals(numpySums.get(e.getKey()), nanSum(e.getValue()), 1e-9, e.getKey());
        }
    }

    // ---- numpy interoperability

    private static boolean numpyAvailable() {
        if (numpyAvailable == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
                numpyAvailable = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
                p.destroyForcibly();
            } catch (IOException e) {
                numpyAvailable = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                numpyAvailable = false;
            }
        }
        return numpyAvailable;
    }

    /** Runs a python3 script with numpy imported as np; returns its output lines. */
    private static List<String> python(String script, String... args) throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy not found: skipping numpy interoperability");
        List<String> command = new ArrayList<>(List.of("python3", "-c", "import sys\nimport numpy as np\n" + script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("python3 timed out");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text.lines().toList();
    }

    @Test
    void numpyLoadsNpzWrittenByJava() throws Exception {
        LinkedHashMap<String, NpyArray> m = sample();
        float[] big = new float[8000 * 50];
        for (int i = 0; i < big.length; i++) {
            big[i] = (i % 1000) / 1000f;
        }
        m.put("V", NpyArray.ofFloats(new long[] {8000, 50}, big));
        Path file = tmp.resolve("java.npz");
        try (OutputStream out = Files.newOutputStream(file)) {
            Npz.write(m, out);
        }
        List<String> lines = python(String.join("\n",
                "with np.load(sys.argv[1], allow_pickle=False) as z:",
                "    for k in z.files:",
                "        a = z[k]",
                "        print(k, a.dtype, ','.join(map(str, a.shape)), repr(float(np.nansum(a, dtype=np.float64))),",
                "              a.astype(a.dtype.newbyteorder('<')).tobytes()[:64].hex())"),
                file.toString());
        assertEquals(m.size(), lines.size(), String.join("\n", lines));
        int i = 0;
        for (Map.Entry<String, NpyArray> e : m.entrySet()) {
            String[] f = lines.get(i++).split(" ");
            NpyArray a = e.getValue();
            assertEquals(e.getKey(), f[0]);
            assertEquals(a.dtypeName(), f[1]);
            assertEquals(Arrays.toString(a.shape()).replaceAll("[\\[\\] ]", ""), f[2]);
            assertEquals(nanSum(a), Double.parseDouble(f[3]), 1e-9 * Math.abs(nanSum(a)), e.getKey());
            byte[] java = Arrays.copyOfRange(npyBytes(a), Npy.header(a).length, Npy.header(a).length + 64);
            assertEquals(HexFormat.of().formatHex(java).substring(0, f.length > 4 ? f[4].length() : 0),
                    f.length > 4 ? f[4] : "", e.getKey() + " data bytes");
        }
    }

    private static double nanSum(NpyArray a) {
        double sum = 0;
        for (int i = 0; i < a.length(); i++) {
            double x = a.isDouble() ? a.doubles()[i] : a.floats()[i];
            sum += Double.isNaN(x) ? 0 : x;
        }
        return sum;
    }

    @Test
    void npySaveWritesTheSameBytesAsJava() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("npy"));
        python(String.join("\n",
                "d = sys.argv[1]",
                "np.save(d + '/a.npy', np.zeros((50, 8000), np.float32))",
                "np.save(d + '/b.npy', np.arange(5, dtype=np.float64) / 3)",
                "np.save(d + '/c.npy', np.float64(2.5))",
                "np.save(d + '/d.npy', np.zeros((2, 3, 4, 5), np.float32))"),
                dir.toString());
        double[] thirds = new double[5];
        for (int i = 0; i < 5; i++) {
            thirds[i] = i / 3.0;
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.npy")),
                npyBytes(NpyArray.ofFloats(new long[] {50, 8000}, new float[400_000])));
        assertArrayEquals(Files.readAllBytes(dir.resolve("b.npy")),
                npyBytes(NpyArray.ofDoubles(new long[] {5}, thirds)));
        assertArrayEquals(Files.readAllBytes(dir.resolve("c.npy")),
                npyBytes(NpyArray.ofDoubles(new long[0], new double[] {2.5})));
        assertArrayEquals(Files.readAllBytes(dir.resolve("d.npy")),
                npyBytes(NpyArray.ofFloats(new long[] {2, 3, 4, 5}, new float[120])));
    }

    @Test
    void readsNpSavezAndNpSavezCompressed() throws Exception {
        Path stored = tmp.resolve("stored.npz");
        Path compressed = tmp.resolve("compressed.npz");
        python(String.join("\n",
                "arrays = dict(",
                "    U=np.arange(12, dtype=np.float32).reshape(3, 4) / np.float32(7),",
                "    F=np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),",
                "    B=np.arange(4, dtype='>f4'),",
                "    s=np.float32(-1.5),",
                "    v=np.arange(5, dtype=np.float64) / 3)",
                "np.savez(sys.argv[1], **arrays)",
                "np.savez_compressed(sys.argv[2], **arrays)"),
                stored.toString(), compressed.toString());
        float[] sevenths = new float[12];
        for (int i = 0; i < 12; i++) {
            sevenths[i] = i / 7f;
        }
        double[] thirds = new double[5];
        for (int i = 0; i < 5; i++) {
            thirds[i] = i / 3.0;
        }
        LinkedHashMap<String, NpyArray> expected = new LinkedHashMap<>();
        expected.put("U", NpyArray.ofFloats(new long[] {3, 4}, sevenths));
        expected.put("F", NpyArray.ofDoubles(new long[] {2, 3}, new double[] {0, 1, 2, 3, 4, 5}));
        expected.put("B", NpyArray.ofFloats(new long[] {4}, new float[] {0, 1, 2, 3}));
        expected.put("s", NpyArray.ofFloats(new long[0], new float[] {-1.5f}));
        expected.put("v", NpyArray.ofDoubles(new long[] {5}, thirds));
        for (Path p : List.of(stored, compressed)) {
            try (InputStream in = Files.newInputStream(p)) {
                assertSameArrays(expected, Npz.read(in));
            }
        }
    }

    // ---- errors

    @Test
    void rejectsEmptyStream() {
        assertEquals("not an .npz archive: the stream is empty", readFails(new byte[0]).getMessage());
    }

    @Test
    void rejectsStreamThatIsNotAZip() {
        ModelFormatException e = readFails("hello, world".getBytes(StandardCharsets.US_ASCII));
        assertEquals("not an .npz archive: it does not start with a zip signature", e.getMessage());
    }

    @Test
    void rejectsSingleNpyGivenAsNpz() throws IOException {
        ModelFormatException e = readFails(npyBytes(sample().get("U")));
        assertTrue(e.getMessage().startsWith("not an .npz archive") && e.getMessage().contains("single .npy array"),
                e.getMessage());
    }

    @Test
    void rejectsNpzCutInHalf() throws IOException {
        float[] data = new float[400_000];
        byte[] whole = npz(Map.of("U", NpyArray.ofFloats(new long[] {50, 8000}, data)));
        ModelFormatException e = readFails(Arrays.copyOf(whole, whole.length / 2));
        assertTrue(e.getMessage().matches("truncated \\.npz: U\\.npy ends after \\d+ of 1600000 data bytes"),
                e.getMessage());
    }

    @Test
    void rejectsDeflatedNpzCutShort() throws IOException {
        byte[] whole = zip(true, "U.npy", npyBytes(NpyArray.ofDoubles(new long[] {1000}, new double[1000])));
        ModelFormatException e = readFails(Arrays.copyOf(whole, 60));
        assertTrue(e.getMessage().startsWith("truncated .npz: U.npy ends"), e.getMessage());
    }

    @Test
    void rejectsNpzCutBetweenEntries() throws IOException {
        byte[] whole = npz(sample());
        int second = indexOf(whole, "b.npy".getBytes(StandardCharsets.US_ASCII), 0) - 30; // its local header
        ModelFormatException e = readFails(Arrays.copyOf(whole, second + 10));
        assertEquals("truncated .npz: the archive ends after U.npy", e.getMessage());
    }

    @Test
    void rejectsNpzMissingItsEndRecord() throws IOException {
        byte[] whole = npz(sample());
        ModelFormatException e = readFails(Arrays.copyOf(whole, whole.length - 10));
        assertEquals("truncated .npz: the archive ends after epoch.npy", e.getMessage());
    }

    @Test
    void rejectsEveryTruncationWithModelFormatException() throws IOException {
        Map<String, NpyArray> m = sample();
        byte[] stored = npz(m);
        byte[] deflated = zip(true, "U.npy", npyBytes(m.get("U")), "b.npy", npyBytes(m.get("b")));
        for (byte[] whole : List.of(stored, deflated)) {
            for (int cut = 0; cut < whole.length; cut++) {
                byte[] part = Arrays.copyOf(whole, cut);
                ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(part), "cut at " + cut);
                assertTrue(e.getMessage().startsWith(cut == 0 ? "not an .npz" : "truncated .npz"),
                        "cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void corruptionNeverLeaksOtherExceptions() throws IOException {
        Map<String, NpyArray> m = sample();
        byte[] stored = npz(m);
        byte[] deflated = zip(true, "U.npy", npyBytes(m.get("U")), "b.npy", npyBytes(m.get("b")));
        for (byte[] whole : List.of(stored, deflated)) {
            for (int i = 0; i < whole.length; i++) {
                for (int flip : new int[] {0x01, 0x80, 0xff}) {
                    byte[] bad = whole.clone();
                    bad[i] ^= (byte) flip;
                    try {
                        read(bad); // a flipped bit in the zip directory, which streaming ignores, may go unnoticed
                    } catch (ModelFormatException e) {
                        assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
                    } catch (Exception e) {
                        fail("byte " + i + " ^ " + flip + " leaked " + e, e);
                    }
                }
            }
        }
    }

    @Test
    void rejectsDuplicateArrayNames() throws IOException {
        byte[] u = npyBytes(sample().get("U"));
        byte[] b = zip(false, "U.npy", u, "X.npy", u);
        byte[] x = "X.npy".getBytes(StandardCharsets.US_ASCII);
        for (int i = indexOf(b, x, 0); i >= 0; i = indexOf(b, x, i + 1)) {
            b[i] = 'U'; // in the local header and the directory; names are outside the CRC
        }
        assertEquals("duplicate array 'U' in .npz", readFails(b).getMessage());
    }

    @Test
    void rejectsEntryNotEndingInNpy() throws IOException {
        byte[] b = zip(false, "U.npy", npyBytes(sample().get("U")), "notes.txt", "hi".getBytes(StandardCharsets.UTF_8));
        assertEquals("unexpected entry 'notes.txt' in .npz: every entry must be an array named NAME.npy",
                readFails(b).getMessage());
    }

    @Test
    void rejectsEntryWithMoreBytesThanItsShape() throws IOException {
        byte[] u = npyBytes(sample().get("U"));
        byte[] longer = Arrays.copyOf(u, u.length + 8);
        assertEquals("U.npy in .npz has 8 bytes after the data its shape (2, 3) float32 needs",
                readFails(zip(false, "U.npy", longer)).getMessage());
    }

    @Test
    void rejectsEntryWithFewerBytesThanItsShape() throws IOException {
        byte[] u = npyBytes(sample().get("U"));
        byte[] shorter = Arrays.copyOf(u, u.length - 6);
        assertEquals("truncated .npz: U.npy ends after 18 of 24 data bytes",
                readFails(zip(true, "U.npy", shorter)).getMessage());
    }

    @Test
    void rejectsEntryWithUnsupportedDtype() throws IOException {
        byte[] ints = NpyTest.npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", new byte[16]);
        assertEquals("unsupported dtype '<i8' in U.npy: expected float32 or float64 ('<f4', '<f8', '>f4' or '>f8'), or int32 ('<i4' or '>i4')",
                readFails(zip(false, "U.npy", ints)).getMessage());
    }

    @Test
    void rejectsEntryWithBadMagic() throws IOException {
        ModelFormatException e = readFails(zip(false, "U.npy", "not numpy at all".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("U.npy is not a .npy array"), e.getMessage());
    }

    @Test
    void rejectsEntryWithMalformedHeader() throws IOException {
        byte[] bad = NpyTest.npy(1, "{'descr': '<f4', 'fortran_order': maybe, 'shape': (2,), }", new byte[8]);
        ModelFormatException e = readFails(zip(false, "U.npy", bad));
        assertTrue(e.getMessage().startsWith("malformed .npy header in U.npy: fortran_order is neither True nor False"),
                e.getMessage());
    }

    @Test
    void rejectsStoredEntryWhoseCrcDoesNotMatch() throws IOException {
        byte[] b = npz(sample());
        b[indexOf(b, "b.npy".getBytes(StandardCharsets.US_ASCII), 0) - 40] ^= 1; // a data byte of U.npy
        ModelFormatException e = readFails(b);
        assertTrue(e.getMessage().startsWith("corrupt .npz: U.npy: invalid entry CRC"), e.getMessage());
    }
}
