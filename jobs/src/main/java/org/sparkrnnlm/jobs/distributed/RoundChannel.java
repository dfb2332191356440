package org.sparkrnnlm.jobs.distributed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The driver's end of gradient mode's round channel: one TCP connection per partition's task, which
 * stays for the whole epoch, so a round costs a message each way instead of a broadcast and a Spark
 * job. The driver publishes each round's order (round number and parameters) to every connected task
 * and collects one result frame per partition and round. A task that connects (a first attempt or a
 * retry) gets the current order at once; the first result of a round from a partition counts, later
 * ones (a retried attempt's) are dropped. Tasks prove themselves with the epoch's random secret.
 */
final class RoundChannel implements AutoCloseable {
    /** Where tasks connect to; travels in the task closure. */
    record Endpoint(String host, int port, long secret) implements Serializable {
    }

    private record Order(long sequence, int round, ByteBuffer bytes) {
    }

    /** A partition's result of a round, deserialized by its connection's reader thread. */
    record Result(int round, ParameterSum sum) {
    }

    private static final ClassTag<ParameterSum> SUM = ClassTag$.MODULE$.apply(ParameterSum.class);
    private final ServerSocket server;
    private final Endpoint endpoint;
    private final Connection[] connections;
    private final BlockingQueue<Result>[] inbox;
    private final Thread acceptor;
    private final boolean refuseRetries;
    private final boolean[] seen;
    private final java.util.List<Socket> refused = new java.util.ArrayList<>();
    private Order order;
    private long sequence;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    private RoundChannel(ServerSocket server, String host, int partitions, boolean refuseRetries) {
        this.server = server;
        this.refuseRetries = refuseRetries;
        this.seen = new boolean[partitions];
        this.endpoint = new Endpoint(host, server.getLocalPort(), new SecureRandom().nextLong());
        this.connections = new Connection[partitions];
        this.inbox = new BlockingQueue[partitions];
        for (int p = 0; p < partitions; p++) inbox[p] = new LinkedBlockingQueue<>();
        this.acceptor = daemon("rnnlm-round-channel-accept", this::acceptLoop);
    }

    /**
     * Listens on {@code bindHost} (any port) for the tasks, which reach it as {@code host}. With
     * {@code refuseRetries} (tests only) a partition's second connection is left unanswered, as a
     * retry that never gets a slot would be.
     */
    static RoundChannel open(String bindHost, String host, int partitions, boolean refuseRetries) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(bindHost), 0), partitions);
        RoundChannel channel = new RoundChannel(server, host, partitions, refuseRetries);
        channel.acceptor.start();
        return channel;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Sends round {@code round}'s order to every connected task, and later to any that connects. */
    synchronized void publish(int round, ByteBuffer bytes) {
        order = new Order(++sequence, round, bytes);
        for (Connection c : connections) if (c != null) c.send(order);
    }

    synchronized boolean connected(int partition) {
        return connections[partition] != null && connections[partition].alive;
    }

    /** Whether every partition's task has connected at least once. */
    synchronized boolean allConnectedOnce() {
        for (boolean s : seen) if (!s) return false;
        return true;
    }

    /** Partition {@code partition}'s result of round {@code round}, or null if none came within {@code millis}. */
    ParameterSum poll(int partition, int round, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Result r = inbox[partition].poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) return null;
            if (r.round() == round) return r.sum();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing: nothing more to lose.
        }
        synchronized (this) {
            for (Connection c : connections) if (c != null) c.close();
            for (Socket s : refused) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Closing: nothing more to lose.
                }
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
                long secret = in.readLong();
                int partition = in.readInt();
                if (secret != endpoint.secret() || partition < 0 || partition >= connections.length) {
                    socket.close();
                    continue;
                }
                socket.setSoTimeout(0);
                socket.setTcpNoDelay(true);
                register(partition, new Connection(partition, socket, in));
            } catch (IOException e) {
                // A failed handshake loses that connection only; a closed server ends the loop.
            }
        }
    }

    private synchronized void register(int partition, Connection connection) {
        if (closed) {
            connection.close();
            return;
        }
        if (refuseRetries && seen[partition]) {
            refused.add(connection.socket);
            return;
        }
        seen[partition] = true;
        if (connections[partition] != null) connections[partition].close();
        connections[partition] = connection;
        connection.reader.start();
        if (order != null) connection.send(order);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** One task attempt's connection: a reader thread that queues its frames, a writer that sends orders. */
    private final class Connection {
        private final Socket socket;
        private final DataOutputStream out;
        private final ExecutorService writer;
        private final Thread reader;
        private long lastSent;
        private volatile boolean alive = true;

        Connection(int partition, Socket socket, DataInputStream in) throws IOException {
            this.socket = socket;
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            this.writer = Executors.newSingleThreadExecutor(r -> daemon("rnnlm-round-channel-send-" + partition, r));
            // Each reader deserializes its partition's results while the other partitions still compute.
            this.reader = daemon("rnnlm-round-channel-receive-" + partition, () -> {
                SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
                try {
                    while (alive) {
                        Frames.Frame f = Frames.read(in, () -> { });
                        inbox[partition].add(new Result(f.round(), serializer.deserialize(f.buffer(), SUM)));
                    }
                } catch (IOException | RuntimeException e) {
                    close();
                }
            });
        }

        /** Queues the order unless this connection already has it. */
        void send(Order o) {
            if (o.sequence() <= lastSent || !alive) return;
            lastSent = o.sequence();
            writer.execute(() -> {
                try {
                    Frames.write(out, o.round(), o.bytes().duplicate());
                } catch (IOException e) {
                    close();
                }
            });
        }

        void close() {
            alive = false;
            writer.shutdown();
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }
}
