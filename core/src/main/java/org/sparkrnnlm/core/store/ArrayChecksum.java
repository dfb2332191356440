package org.sparkrnnlm.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** SHA-256 of an array's dtype, shape and little-endian values: what model.json records and loading verifies. */
public final class ArrayChecksum {
    private static final int CHUNK = 1 << 16;

    private ArrayChecksum() {
    }

    public static String of(NpyArray array) {
        MessageDigest digest = sha256();
        digest.update((array.dtypeName() + Arrays.toString(array.shape())).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.LITTLE_ENDIAN);
        int n = array.length();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            bytes.clear();
            if (array.isDouble()) bytes.asDoubleBuffer().put(array.doubles(), from, to - from);
            else if (array.isInt()) bytes.asIntBuffer().put(array.ints(), from, to - from);
            else bytes.asFloatBuffer().put(array.floats(), from, to - from);
            digest.update(bytes.array(), 0, (to - from) * (array.isDouble() ? 8 : 4));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
