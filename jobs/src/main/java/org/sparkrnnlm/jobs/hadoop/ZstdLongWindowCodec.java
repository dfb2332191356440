package org.sparkrnnlm.jobs.hadoop;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.io.compress.Compressor;
import org.apache.hadoop.io.compress.Decompressor;

/**
 * Decompresses {@code .zst} with zstd-jni, accepting windows up to 2^31 bytes: Pushshift dumps are
 * written with {@code zstd --long=31}, which the decoder's default limit (2^27) refuses. Hadoop's
 * own ZStandardCodec needs the native libhadoop, which Spark distributions usually lack. Not
 * splittable: a zstd frame must be read from its start. Decompression only.
 */
public final class ZstdLongWindowCodec implements CompressionCodec {
    public static final String CODECS_KEY = "io.compression.codecs";
    static final int WINDOW_LOG_MAX = 31;

    /**
     * Makes Hadoop pick this codec for ".zst" in conf. CompressionCodecFactory registers the
     * ServiceLoader codecs first (ZStandardCodec among them), then those of io.compression.codecs in
     * order, and a later codec claiming the same extension replaces an earlier one: so this codec is
     * moved to the end of the list.
     */
    public static void register(Configuration conf) {
        String name = ZstdLongWindowCodec.class.getName();
        List<String> codecs = new ArrayList<>();
        for (String c : conf.getTrimmed(CODECS_KEY, "").split("\\s*,\\s*")) {
            if (!c.isEmpty() && !c.equals(name)) codecs.add(c);
        }
        codecs.add(name);
        conf.set(CODECS_KEY, String.join(",", codecs));
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in) throws IOException {
        return new Input(in);
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in, Decompressor decompressor) throws IOException {
        return new Input(in);
    }

    /** No pooled decompressor: the stream owns its native context (CodecPool copes with null). */
    @Override
    public Class<? extends Decompressor> getDecompressorType() {
        return null;
    }

    @Override
    public Decompressor createDecompressor() {
        return null;
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out) {
        throw new UnsupportedOperationException("ZstdLongWindowCodec only decompresses");
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out, Compressor compressor) {
        throw new UnsupportedOperationException("ZstdLongWindowCodec only decompresses");
    }

    @Override
    public Class<? extends Compressor> getCompressorType() {
        return null;
    }

    @Override
    public Compressor createCompressor() {
        return null;
    }

    @Override
    public String getDefaultExtension() {
        return ".zst";
    }

    private static final class Input extends CompressionInputStream {
        private final ZstdInputStreamNoFinalizer zstd;

        Input(InputStream compressed) throws IOException {
            super(compressed);
            zstd = new ZstdInputStreamNoFinalizer(compressed).setLongMax(WINDOW_LOG_MAX);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return zstd.read(b, off, len);
        }

        @Override
        public int read() throws IOException {
            return zstd.read();
        }

        @Override
        public void resetState() throws IOException {
            throw new IOException("a zstd stream cannot be reset");
        }

        @Override
        public void close() throws IOException {
            try {
                zstd.close();
            } finally {
                super.close();
            }
        }
    }
}
