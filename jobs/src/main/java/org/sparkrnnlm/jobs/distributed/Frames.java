package org.sparkrnnlm.jobs.distributed;

import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The round channel's wire format: a frame is {@code [int round][int length][length bytes]}, the bytes
 * one object in Spark's serializer (so Kryo's registration holds here too). Reads survive socket
 * timeouts and call {@code check} on each, so a blocked reader can notice that it should stop.
 */
final class Frames {
    /** The round number that ends an epoch. */
    static final int END = -1;

    record Frame(int round, byte[] bytes) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes);
        }
    }

    private Frames() {
    }

    static void write(DataOutputStream out, int round, ByteBuffer bytes) throws IOException {
        out.writeInt(round);
        out.writeInt(bytes.remaining());
        if (bytes.hasArray()) {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            out.write(copy);
        }
        out.flush();
    }

    static Frame read(InputStream in, Runnable check) throws IOException {
        byte[] head = new byte[8];
        readFully(in, head, check);
        ByteBuffer b = ByteBuffer.wrap(head);
        int round = b.getInt();
        int length = b.getInt();
        if (length < 0) throw new IOException("a frame of negative length " + length);
        byte[] body = new byte[length];
        readFully(in, body, check);
        return new Frame(round, body);
    }

    private static void readFully(InputStream in, byte[] buffer, Runnable check) throws IOException {
        int at = 0;
        while (at < buffer.length) {
            try {
                int n = in.read(buffer, at, buffer.length - at);
                if (n < 0) throw new EOFException("the round channel closed");
                at += n;
            } catch (SocketTimeoutException e) {
                check.run();
            }
        }
    }
}
