package org.sparkrnnlm.jobs.distributed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;

/**
 * A task's end of the round channel ({@link RoundChannel}): connects with the epoch's secret and its
 * partition, then reads orders and sends results. Blocking reads wake every second so that a task
 * the scheduler killed (a cancelled job) stops instead of waiting for the driver forever.
 */
final class RoundChannelClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final DataOutputStream out;

    private RoundChannelClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
    }

    static RoundChannelClient connect(RoundChannel.Endpoint endpoint, int partition) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 10_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(1_000);
            RoundChannelClient client = new RoundChannelClient(socket);
            client.out.writeLong(endpoint.secret());
            client.out.writeInt(partition);
            client.out.flush();
            return client;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The next order from the driver. */
    Frames.Frame next() throws IOException {
        return Frames.read(in, RoundChannelClient::stopIfKilled);
    }

    void send(int round, ByteBuffer result) throws IOException {
        Frames.write(out, round, result);
    }

    private static void stopIfKilled() {
        TaskContext task = TaskContext.get();
        if (task != null && task.isInterrupted()) {
            throw new TaskKilledException(task.getKillReason().isDefined() ? task.getKillReason().get() : "killed waiting for the next round");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
