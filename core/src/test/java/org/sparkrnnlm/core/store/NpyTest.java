package org.sparkrnnlm.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {

    static byte[] toBytes(NpyArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(a, out);
        return out.toByteArray();
    }

    static NpyArray fromBytes(byte[] b) throws IOException {
        return Npy.read(new ByteArrayInputStream(b));
    }

    /** A .npy file built by hand: magic, version, header length, the header padded to 64, then data. */
    static byte[] npy(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int preamble = 8 + lengthBytes;
        String header = dict + " ".repeat(63 - (preamble + dict.length()) % 64) + "\n";
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(preamble + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    static byte[] floatBytes(ByteOrder order, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static byte[] doubleBytes(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    static int[] bits(float[] f) {
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToRawIntBits(f[i]);
        }
        return out;
    }

    static long[] bits(double[] d) {
        return Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void roundTripsFloat32MatrixBitExact() throws IOException {
        float[] data = {1.5f, -0.0f, Float.NaN, Float.intBitsToFloat(0x7fc12345), Float.MIN_VALUE,
                Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-3f, (float) Math.PI, -7f, 0f, 42f};
        NpyArray back = fromBytes(toBytes(NpyArray.ofFloats(new long[] {3, 4}, data)));
        assertFalse(back.isDouble());
        assertEquals("float32", back.dtypeName());
        assertArrayEquals(new long[] {3, 4}, back.shape());
        assertArrayEquals(bits(data), bits(back.floats()));
    }

    @Test
    void roundTripsFloat64VectorBitExact() throws IOException {
        double[] data = {Math.E, -0.0, Double.NaN, Double.MIN_VALUE, 1e300};
        NpyArray back = fromBytes(toBytes(NpyArray.ofDoubles(new long[] {5}, data)));
        assertTrue(back.isDouble());
        assertEquals("float64", back.dtypeName());
        assertArrayEquals(new long[] {5}, back.shape());
        assertArrayEquals(bits(data), bits(back.doubles()));
    }

    @Test
    void roundTripsZeroDimensionalScalars() throws IOException {
        NpyArray f = fromBytes(toBytes(NpyArray.ofFloats(new long[0], new float[] {-3.25f})));
        NpyArray d = fromBytes(toBytes(NpyArray.ofDoubles(new long[0], new double[] {0.1})));
        assertArrayEquals(new long[0], f.shape());
        assertArrayEquals(new float[] {-3.25f}, f.floats());
        assertArrayEquals(new long[0], d.shape());
        assertArrayEquals(new double[] {0.1}, d.doubles());
    }

    @Test
    void roundTripsArrayWithZeroLengthAxis() throws IOException {
        NpyArray back = fromBytes(toBytes(NpyArray.ofDoubles(new long[] {0, 3}, new double[0])));
        assertArrayEquals(new long[] {0, 3}, back.shape());
        assertEquals(0, back.length());
    }

    @Test
    void roundTripsLargeMatrixAcrossConversionChunks() throws IOException {
        float[] data = new float[8000 * 100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i);
        }
        NpyArray back = fromBytes(toBytes(NpyArray.ofFloats(new long[] {8000, 100}, data)));
        assertArrayEquals(bits(data), bits(back.floats()));
    }

    @Test
    void headerForKnownShapeIsExactlyNumpys() throws IOException {
        byte[] b = toBytes(NpyArray.ofFloats(new long[] {50, 8000}, new float[50 * 8000]));
        // What np.save(f, np.zeros((50, 8000), np.float32)) writes with numpy 2.x: 19 growth spaces
        // (21 digits minus len("50")), then padding so that data starts at byte 128.
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (50, 8000), }";
        String expected = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, Arrays.copyOf(b, 10));
        assertEquals(expected, new String(b, 10, 118, StandardCharsets.ISO_8859_1));
        assertEquals(128 + 50 * 8000 * 4, b.length);
    }

    @Test
    void headerIsPaddedToMultipleOf64ForEveryRank() throws IOException {
        long[][] shapes = {{}, {5}, {3, 4}, {2, 3, 4}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}};
        for (long[] shape : shapes) {
            int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            byte[] b = toBytes(NpyArray.ofDoubles(shape, new double[n]));
            int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
            assertEquals(0, (10 + headerLength) % 64, header);
            assertTrue(header.endsWith("\n"), header);
            assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': "
                    + Npy.pythonTuple(shape) + ", }"), header);
            assertEquals(10 + headerLength + 8L * n, b.length);
        }
    }

    @Test
    void writesPythonTupleSyntaxForShapes() {
        assertEquals("()", Npy.pythonTuple(new long[0]));
        assertEquals("(5,)", Npy.pythonTuple(new long[] {5}));
        assertEquals("(50, 8000)", Npy.pythonTuple(new long[] {50, 8000}));
    }

    @Test
    void readsFormatVersions2And3() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        byte[] data = floatBytes(ByteOrder.LITTLE_ENDIAN, 1f, 2f);
        assertArrayEquals(new float[] {1f, 2f}, fromBytes(npy(2, dict, data)).floats());
        assertArrayEquals(new float[] {1f, 2f}, fromBytes(npy(3, dict, data)).floats());
    }

    @Test
    void readsHeadersWrittenByPython2Numpy() throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 1L), }";
        NpyArray a = fromBytes(npy(1, dict, doubleBytes(ByteOrder.LITTLE_ENDIAN, 4, 5)));
        assertArrayEquals(new long[] {2, 1}, a.shape());
        assertArrayEquals(new double[] {4, 5}, a.doubles());
    }

    @Test
    void convertsFortranOrderMatrixToCOrder() throws IOException {
        // [[1, 2, 3], [4, 5, 6]] stored column by column.
        String dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }";
        NpyArray a = fromBytes(npy(1, dict, floatBytes(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)));
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.floats());
    }

    @Test
    void convertsFortranOrder3dArrayToCOrder() throws IOException {
        int d0 = 2;
        int d1 = 3;
        int d2 = 4;
        double[] fortran = new double[d0 * d1 * d2];
        double[] c = new double[fortran.length];
        for (int i = 0; i < d0; i++) {
            for (int j = 0; j < d1; j++) {
                for (int k = 0; k < d2; k++) {
                    double value = 100 * i + 10 * j + k;
                    fortran[i + d0 * (j + d1 * k)] = value;
                    c[(i * d1 + j) * d2 + k] = value;
                }
            }
        }
        String dict = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3, 4), }";
        NpyArray a = fromBytes(npy(1, dict, doubleBytes(ByteOrder.LITTLE_ENDIAN, fortran)));
        assertArrayEquals(c, a.doubles());
    }

    @Test
    void convertsBigEndianFloat32() throws IOException {
        String dict = "{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }";
        NpyArray a = fromBytes(npy(1, dict, floatBytes(ByteOrder.BIG_ENDIAN, 1.5f, -2f, 1e-20f)));
        assertArrayEquals(new float[] {1.5f, -2f, 1e-20f}, a.floats());
    }

    @Test
    void convertsBigEndianFortranOrderFloat64() throws IOException {
        String dict = "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 2), }";
        NpyArray a = fromBytes(npy(1, dict, doubleBytes(ByteOrder.BIG_ENDIAN, 1, 3, 2, 4)));
        assertTrue(a.isDouble());
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.doubles());
    }

    @Test
    void leavesStreamJustAfterTheArray() throws IOException {
        byte[] one = toBytes(NpyArray.ofFloats(new long[] {1}, new float[] {7f}));
        byte[] two = new byte[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        ByteArrayInputStream in = new ByteArrayInputStream(two);
        Npy.read(in);
        assertEquals(one.length, in.available());
    }

    @Test
    void rejectsUnsupportedDtypesNamingThem() {
        for (String descr : new String[] {"<i8", "|O", "<f2", "|u1", "<c8"}) {
            String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }";
            byte[] b = npy(1, dict, new byte[8]);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(b));
            String expected = "unsupported dtype '" + descr + "' in .npy stream: expected float32 or float64";
            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        }
    }

    @Test
    void rejectsStructuredDtype() {
        String dict = "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (1,), }";
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(npy(1, dict, new byte[8])));
        assertTrue(e.getMessage().startsWith("unsupported dtype [('a', '<f4'), ('b', '<f4')]"), e.getMessage());
    }

    @Test
    void rejectsBadMagic() {
        byte[] b = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0};
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(b));
        assertEquals(".npy stream is not a .npy array: it starts with 50 4b 03 04 00 00 00 00"
                + " instead of the magic string \\x93NUMPY", e.getMessage());
    }

    @Test
    void rejectsUnknownFormatVersion() {
        byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", new byte[4]);
        b[6] = 4;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(b));
        assertTrue(e.getMessage().contains("format version 4.0"), e.getMessage());
    }

    @Test
    void rejectsHeaderWithMissingKey() {
        byte[] b = npy(1, "{'descr': '<f4', 'shape': (1,), }", new byte[4]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(b));
        assertTrue(e.getMessage().startsWith("malformed .npy header in .npy stream: expected a dict with keys"),
                e.getMessage());
    }

    @Test
    void rejectsHeaderWhoseShapeIsNotATuple() {
        for (String shape : new String[] {"[1]", "(1, -2)", "(,)", "(a,)", "(99999999999999999999,)"}) {
            byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", new byte[4]);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(b));
            assertTrue(e.getMessage().contains("shape is not a tuple of non-negative integers"), e.getMessage());
        }
    }

    @Test
    void rejectsHeaderThatIsNotADict() {
        byte[] b = npy(1, "descr=<f4", new byte[4]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(b));
        assertTrue(e.getMessage().startsWith("malformed .npy header"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void rejectsShapeTooLargeForJavaArray() {
        byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[4]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(b));
        assertTrue(e.getMessage().contains("too many elements"), e.getMessage());
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] whole = toBytes(NpyArray.ofFloats(new long[] {2, 3}, new float[6]));
        byte[] cut = Arrays.copyOf(whole, whole.length - 5);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> fromBytes(cut));
        assertEquals("truncated .npy: .npy stream ends after 19 of 24 data bytes", e.getMessage());
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] whole = toBytes(NpyArray.ofFloats(new long[] {2, 3}, new float[6]));
        for (int cut : new int[] {0, 3, 9, 50}) {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> fromBytes(Arrays.copyOf(whole, cut)));
            assertEquals("truncated .npy: .npy stream ends inside its header", e.getMessage());
        }
    }

    @Test
    void rejectsShapeThatDoesNotMatchDataOnConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofFloats(new long[] {2, 3}, new float[5]));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofDoubles(new long[] {-1}, new double[0]));
    }

    @Test
    void refusesTheOtherElementType() {
        NpyArray f = NpyArray.ofFloats(new long[] {1}, new float[1]);
        NpyArray d = NpyArray.ofDoubles(new long[] {1}, new double[1]);
        assertThrows(IllegalStateException.class, f::doubles);
        assertThrows(IllegalStateException.class, d::floats);
    }

    @Test
    void sharesDataButCopiesShape() {
        float[] data = new float[2];
        long[] shape = {2};
        NpyArray a = NpyArray.ofFloats(shape, data);
        shape[0] = 99;
        a.shape()[0] = 99;
        assertArrayEquals(new long[] {2}, a.shape());
        assertTrue(a.floats() == data);
    }
}
