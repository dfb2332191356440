package org.sparkrnnlm.jobs.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.ZStandardCodec;
import org.junit.jupiter.api.Test;

public class ZstdLongWindowCodecTest {
    /** Compressed like Pushshift's dumps (zstd --long=31): the frame announces a 2^31 window. */
    public static byte[] zstdLong31(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStreamNoFinalizer out = new ZstdOutputStreamNoFinalizer(bytes)) {
            out.setLong(31);
            out.setWindowLog(31);
            for (int i = 0; i < data.length; i += 8192) out.write(data, i, Math.min(8192, data.length - i));
        }
        return bytes.toByteArray();
    }

    private static byte[] text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) sb.append("{\"body\":\"comment ").append(i).append("\"}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void factoryChoosesThisCodecForZstOverHadoopsZStandardCodec() {
        Configuration conf = new Configuration(false);
        // Even when the user lists Hadoop's native codec explicitly, ours must claim ".zst".
        conf.set(ZstdLongWindowCodec.CODECS_KEY, ZstdLongWindowCodec.class.getName() + "," + ZStandardCodec.class.getName());
        ZstdLongWindowCodec.register(conf);
        assertInstanceOf(ZstdLongWindowCodec.class, new CompressionCodecFactory(conf).getCodec(new Path("/d/RC_2019-04.zst")));
        assertEquals(ZStandardCodec.class.getName() + "," + ZstdLongWindowCodec.class.getName(),
                conf.get(ZstdLongWindowCodec.CODECS_KEY));
    }

    @Test
    void decodesLongWindowFrameThatTheDefaultDecoderRefuses() throws IOException {
        byte[] data = text();
        byte[] compressed = zstdLong31(data);
        assertThrows(IOException.class, () -> {
            try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(compressed))) {
                in.readAllBytes();
            }
        }, "the frame must need more than zstd's default 2^27 window, or this test proves nothing");
        try (InputStream in = new ZstdLongWindowCodec().createInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }
}
