package org.sparkrnnlm.jobs.preprocess;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs an iterator on its own thread, a few items ahead of the consumer: the task that streams a
 * dump to the shuffle then decompresses and cuts on one core while it serializes and writes on
 * another (the other cores wait for that task anyway). {@link #close} stops the thread; the
 * source's exceptions surface in the consumer.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private Object next;

    ReadAhead(Iterator<T> source, int ahead, String name) {
        queue = new ArrayBlockingQueue<>(ahead);
        thread = new Thread(() -> {
            try {
                while (source.hasNext()) queue.put(source.next());
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                queue.clear(); // room for the failure, whatever the consumer has not taken
                queue.offer(new Failure(t));
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private record Failure(Throwable cause) {
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
        }
        if (next instanceof Failure f) {
            if (f.cause() instanceof RuntimeException r) throw r;
            if (f.cause() instanceof Error e) throw e;
            throw new IllegalStateException(f.cause());
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        T item = (T) next;
        next = null;
        return item;
    }

    @Override
    public void close() {
        thread.interrupt();
        queue.clear();
    }
}
