package dev.aqueduct.usage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Makes events durable for many concurrent callers with few disk syncs. Callers that arrive
 * while a sync is under way join the next group; the first of them writes and syncs the whole
 * group once, and every caller returns when its own group is on disk. One sync thus covers as
 * many requests as arrived during the one before it.
 */
final class GroupCommit {
    /** Writes a group and returns once it is durable. */
    @FunctionalInterface
    interface Sink {
        void writeDurably(List<UsageEvent> events) throws IOException;
    }

    private final Sink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private Group open = new Group();
    private boolean writing;

    GroupCommit(Sink sink) {
        this.sink = sink;
    }

    /**
     * Returns once {@code event} is durable.
     *
     * @throws IOException when the group holding it could not be written; none of it counts as written
     */
    void commit(UsageEvent event) throws IOException {
        lock.lock();
        try {
            Group mine = open;
            mine.events.add(event);
            while (!mine.done) {
                if (writing) {
                    written.awaitUninterruptibly();
                } else {
                    // Nobody writes, so this caller's group is still the open one: it writes it.
                    writing = true;
                    open = new Group();
                    writeOutsideLock(mine);
                }
            }
            if (mine.failure != null) {
                throw new IOException(mine.failure.getMessage(), mine.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeOutsideLock(Group group) {
        lock.unlock();
        IOException failure = null;
        try {
            sink.writeDurably(group.events);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e.toString(), e);
        } finally {
            lock.lock();
            group.failure = failure;
            group.done = true;
            writing = false;
            written.signalAll();
        }
    }

    private static final class Group {
        private final List<UsageEvent> events = new ArrayList<>();
        private boolean done;
        private @Nullable IOException failure;
    }
}
