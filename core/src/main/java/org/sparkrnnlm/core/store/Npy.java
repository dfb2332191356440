package org.sparkrnnlm.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html)
 * for float32 and float64 arrays. Reads versions 1.0, 2.0 and 3.0; writes 1.0 byte for byte as
 * {@code np.save} does.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Set<String> DESCRS = Set.of("<f4", "<f8", ">f4", ">f8", "<i4", ">i4");
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final Pattern DIM = Pattern.compile("\\d+L?"); // Python 2 numpy wrote 50L
    /** Conversion chunk: a multiple of every item size, small enough to stay in cache. */
    private static final int CHUNK = 1 << 16;
    /** numpy refuses headers over 10000 bytes by default; this bound only stops garbage allocating GBs. */
    private static final int MAX_HEADER = 1 << 20;
    /** numpy leaves room in the header for the growing axis to reach this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int ALIGN = 64;

    private Npy() {}

    private record Header(String descr, boolean fortranOrder, long[] shape, int length) {
        boolean isDouble() {
            return descr.endsWith("f8");
        }

        boolean isInt() {
            return descr.endsWith("i4");
        }

        int itemSize() {
            return isDouble() ? 8 : 4;
        }

        ByteOrder order() {
            return descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
    }

    /** Reads one .npy array and leaves the stream just after its data. */
    public static NpyArray read(InputStream in) throws IOException {
        return read(in, ".npy stream", ".npy");
    }

    /** As {@link #read(InputStream)}; {@code where} names the array and {@code container} the file kind in messages. */
    static NpyArray read(InputStream in, String where, String container) throws IOException {
        Header h = readHeader(in, where, container);
        NpyArray a = readData(in, h, where, container);
        return h.fortranOrder() && h.shape().length > 1 ? toCOrder(a) : a;
    }

    public static void write(NpyArray a, OutputStream out) throws IOException {
        out.write(header(a));
        writeData(a, out);
    }

    /** The version 1.0 preamble and header that {@code np.save} writes for this array. */
    static byte[] header(NpyArray a) {
        long[] shape = a.shape();
        String dict = "{'descr': '" + (a.isDouble() ? "<f8" : a.isInt() ? "<i4" : "<f4") + "', 'fortran_order': False, 'shape': "
                + pythonTuple(shape) + ", }";
        if (shape.length > 0) {
            dict += " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        int preamble = MAGIC.length + 2 + 2; // magic, version, uint16 header length
        int pad = ALIGN - (preamble + dict.length() + 1) % ALIGN; // a full 64 when already aligned, as numpy does
        String text = dict + " ".repeat(pad) + "\n";
        if (text.length() > 0xffff) { // numpy would switch to version 2.0, which has a 4-byte length
            throw new IllegalArgumentException("shape with " + shape.length + " dimensions is too long for .npy 1.0");
        }
        ByteBuffer b = ByteBuffer.allocate(preamble + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** Bytes that {@link #write} produces for this array. */
    static long size(NpyArray a) {
        return header(a).length + (long) a.length() * (a.isDouble() ? 8 : 4);
    }

    static String pythonTuple(long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    // ---- reading the header

    private static Header readHeader(InputStream in, String where, String container) throws IOException {
        byte[] pre = readHeaderBytes(in, MAGIC.length + 2, where, container);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw new ModelFormatException(where + " is not a .npy array: it starts with " + hex(pre)
                        + " instead of the magic string \\x93NUMPY");
            }
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new ModelFormatException(where + " has .npy format version " + major + "." + minor
                    + ", which this reader does not know (it reads 1.0, 2.0 and 3.0)");
        }
        byte[] len = readHeaderBytes(in, major == 1 ? 2 : 4, where, container);
        long headerLength = 0;
        for (int i = len.length - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (len[i] & 0xff);
        }
        if (headerLength > MAX_HEADER) {
            throw new ModelFormatException("malformed .npy header in " + where + ": it claims "
                    + headerLength + " bytes");
        }
        byte[] text = readHeaderBytes(in, (int) headerLength, where, container);
        // Version 3.0 exists only to allow utf8 field names; 1.0 and 2.0 are latin1.
        return parseHeader(new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), where);
    }

    private static byte[] readHeaderBytes(InputStream in, int n, String where, String container)
            throws IOException {
        byte[] b = new byte[n];
        if (readFully(in, b, n) < n) {
            throw new ModelFormatException("truncated " + container + ": " + where + " ends inside its header");
        }
        return b;
    }

    private static Header parseHeader(String text, String where) throws ModelFormatException {
        Map<String, String> dict = parseDict(text.strip());
        if (dict == null || !dict.keySet().equals(KEYS)) {
            throw malformed(where, "expected a dict with keys 'descr', 'fortran_order', 'shape'", text);
        }
        String fortran = dict.get("fortran_order");
        if (!fortran.equals("True") && !fortran.equals("False")) {
            throw malformed(where, "fortran_order is neither True nor False", text);
        }
        long[] shape = parseShape(dict.get("shape"));
        if (shape == null) {
            throw malformed(where, "shape is not a tuple of non-negative integers", text);
        }
        String descr = dict.get("descr");
        String unquoted = unquote(descr);
        if (unquoted == null || !DESCRS.contains(unquoted)) {
            throw new ModelFormatException("unsupported dtype " + descr + " in " + where
                    + ": expected float32 or float64 ('<f4', '<f8', '>f4' or '>f8'), or int32 ('<i4' or '>i4')");
        }
        long count = 1;
        for (long d : shape) {
            count = Math.min(count * Math.min(d, Integer.MAX_VALUE), Integer.MAX_VALUE); // clamped: no overflow
        }
        if (count > Integer.MAX_VALUE - 8) { // the largest array a JVM allocates
            throw new ModelFormatException(where + " has shape " + pythonTuple(shape)
                    + ", too many elements for one Java array");
        }
        return new Header(unquoted, fortran.equals("True"), shape, (int) count);
    }

    /** Splits a Python dict literal "{'k': v, ...}" into keys and raw value texts; null if it is not one. */
    private static Map<String, String> parseDict(String s) {
        if (!s.startsWith("{") || !s.endsWith("}")) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        for (String item : splitTopLevel(s.substring(1, s.length() - 1), ',')) {
            if (item.isBlank()) {
                continue; // numpy writes a trailing ", "
            }
            List<String> kv = splitTopLevel(item, ':');
            String key = kv.size() == 2 ? unquote(kv.get(0).strip()) : null;
            if (key == null || out.put(key, kv.get(1).strip()) != null) {
                return null;
            }
        }
        return out;
    }

    /** Splits at {@code sep} outside quotes and brackets, so "('a', '<f4')" in a descr stays whole. */
    private static List<String> splitTopLevel(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            } else if (c == sep && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static String unquote(String s) {
        boolean quoted = s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')
                && s.charAt(s.length() - 1) == s.charAt(0);
        return quoted ? s.substring(1, s.length() - 1) : null;
    }

    /** "(50, 8000)", "(5,)" or "()"; null if malformed. */
    private static long[] parseShape(String s) {
        if (!s.startsWith("(") || !s.endsWith(")")) {
            return null;
        }
        List<String> dims = new ArrayList<>(List.of(s.substring(1, s.length() - 1).split(",", -1)));
        if (dims.get(dims.size() - 1).isBlank()) {
            dims.remove(dims.size() - 1); // "(5,)" and "()"; "(,)" still fails below
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            String d = dims.get(i).strip();
            if (!DIM.matcher(d).matches() || d.length() > 18) { // 18 digits always fit a long
                return null;
            }
            shape[i] = Long.parseLong(d.endsWith("L") ? d.substring(0, d.length() - 1) : d);
        }
        return shape;
    }

    private static ModelFormatException malformed(String where, String why, String header) {
        String shown = header.strip();
        shown = shown.length() > 120 ? shown.substring(0, 120) + "..." : shown;
        return new ModelFormatException("malformed .npy header in " + where + ": " + why + ": " + shown);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(s.length() > 0 ? " " : "").append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    // ---- data

    private static NpyArray readData(InputStream in, Header h, String where, String container)
            throws IOException {
        int n = h.length();
        float[] floats = h.isDouble() || h.isInt() ? null : new float[n];
        double[] doubles = h.isDouble() ? new double[n] : null;
        int[] ints = h.isInt() ? new int[n] : null;
        long need = (long) n * h.itemSize();
        byte[] chunk = new byte[(int) Math.min(CHUNK, need)];
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(h.order());
        for (long done = 0; done < need; ) {
            int len = (int) Math.min(chunk.length, need - done);
            int got = readFully(in, chunk, len);
            if (got < len) {
                throw new ModelFormatException("truncated " + container + ": " + where + " ends after "
                        + (done + got) + " of " + need + " data bytes");
            }
            int from = (int) (done / h.itemSize());
            if (floats != null) {
                bytes.asFloatBuffer().get(floats, from, len / 4);
            } else if (ints != null) {
                bytes.asIntBuffer().get(ints, from, len / 4);
            } else {
                bytes.asDoubleBuffer().get(doubles, from, len / 8);
            }
            done += len;
        }
        if (ints != null) return NpyArray.ofInts(h.shape(), ints);
        return floats != null ? NpyArray.ofFloats(h.shape(), floats) : NpyArray.ofDoubles(h.shape(), doubles);
    }

    private static void writeData(NpyArray a, OutputStream out) throws IOException {
        int size = a.isDouble() ? 8 : 4;
        byte[] chunk = new byte[(int) Math.min(CHUNK, (long) a.length() * size)];
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < a.length(); ) {
            int count = Math.min(CHUNK / size, a.length() - from);
            if (a.isDouble()) {
                bytes.asDoubleBuffer().put(a.doubles(), from, count);
            } else if (a.isInt()) {
                bytes.asIntBuffer().put(a.ints(), from, count);
            } else {
                bytes.asFloatBuffer().put(a.floats(), from, count);
            }
            out.write(chunk, 0, count * size);
            from += count;
        }
    }

    /** Reads until {@code n} bytes or end of stream; returns how many it got. */
    private static int readFully(InputStream in, byte[] b, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }

    /** Fortran-order data of shape S, rearranged into C order. */
    private static NpyArray toCOrder(NpyArray a) {
        int[] source = fortranIndexOfEachCElement(a.shape(), a.length());
        if (a.isDouble()) {
            double[] in = a.doubles();
            double[] out = new double[in.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = in[source[i]];
            }
            return NpyArray.ofDoubles(a.shape(), out);
        }
        if (a.isInt()) {
            int[] in = a.ints();
            int[] out = new int[in.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = in[source[i]];
            }
            return NpyArray.ofInts(a.shape(), out);
        }
        float[] in = a.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = in[source[i]];
        }
        return NpyArray.ofFloats(a.shape(), out);
    }

    private static int[] fortranIndexOfEachCElement(long[] shape, int n) {
        int rank = shape.length;
        int[] stride = new int[rank]; // Fortran order: the first axis varies fastest
        int s = 1;
        for (int k = 0; k < rank && n > 0; k++) {
            stride[k] = s;
            s *= (int) shape[k];
        }
        int[] source = new int[n];
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            source[i] = offset;
            for (int k = rank - 1; k >= 0; k--) { // advance the C-order odometer: last axis fastest
                if (++index[k] < shape[k]) {
                    offset += stride[k];
                    break;
                }
                offset -= stride[k] * (index[k] - 1);
                index[k] = 0;
            }
        }
        return source;
    }
}
