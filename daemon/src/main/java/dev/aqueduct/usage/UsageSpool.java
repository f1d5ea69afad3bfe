package dev.aqueduct.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only files where usage events wait when the database cannot take them, and where
 * every event goes first under strict durability. Files are named
 * {@code usage-spool-NNNNNNNNNNNNNNNNNNNN.jsonl} and used in the order of their numbers; the one
 * being appended to is <em>active</em>, the others are <em>sealed</em> and never change again.
 * A sealed file is deleted only after all its events are committed to the database.
 *
 * <p>A lock file keeps a second daemon out of the same directory; a directory that does not exist
 * yet is created, and locked, with the first file. When the directory cannot be created or
 * written, the spool still opens: every append then fails with an
 * {@link IOException}, and is tried again on the next append, so a fixed directory is used
 * without a restart.
 */
final class UsageSpool implements AutoCloseable {
    static final String LOCK_FILE = "usage-spool.lock";
    /** A file is sealed once it holds this much, so a replay never reads more at once. */
    static final long SEGMENT_BYTES = 4L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(UsageSpool.class);
    private static final Pattern SEGMENT = Pattern.compile("usage-spool-(\\d{20})\\.jsonl");

    private final Path directory;
    private final long maxBytes;
    private final Deque<Path> sealed = new ArrayDeque<>();
    private @Nullable FileChannel active;
    private @Nullable Path activeFile;
    private long activeBytes;
    private long nextNumber;
    private long bytes;
    private long appended;
    private @Nullable FileLock lock;

    private UsageSpool(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens the spool in {@code directory}, taking over the files a previous run left there.
     *
     * @throws UsageException when another process holds the directory's lock
     */
    static UsageSpool open(Path directory, long maxBytes) {
        UsageSpool spool = new UsageSpool(directory.toAbsolutePath(), maxBytes);
        if (!Files.isDirectory(spool.directory)) {
            // Made with the first file, so a daemon that never spools leaves nothing behind.
            return spool;
        }
        try {
            spool.lock();
            spool.scan();
        } catch (IOException e) {
            LOG.error("Usage spool directory not usable, events cannot be spooled until it is dir={} error={}",
                    spool.directory, e.toString());
        }
        return spool;
    }

    /** Where the files live. */
    Path directory() {
        return directory;
    }

    /**
     * Writes {@code events} at the end of the active file; with {@code sync}, returns only once
     * they are on the disk. All or none of them count as written: a failed write is cut off again.
     *
     * @throws SpoolFullException when they would take the spool past its byte limit
     * @throws IOException when the file cannot be written
     */
    synchronized void append(List<UsageEvent> events, boolean sync) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 400);
        for (UsageEvent event : events) {
            SpoolLines.write(event, out);
        }
        if (bytes + out.size() > maxBytes) {
            throw new SpoolFullException(bytes, maxBytes, events.size());
        }
        if (active != null && activeBytes > 0 && activeBytes + out.size() > SEGMENT_BYTES) {
            sealActive();
        }
        FileChannel channel = active != null ? active : openSegment();
        write(channel, ByteBuffer.wrap(out.toByteArray()));
        if (sync) {
            channel.force(false);
        }
        activeBytes += out.size();
        bytes += out.size();
        appended += events.size();
    }

    /**
     * Seals the active file, if it holds anything, and returns every sealed file, oldest first.
     * Events appended afterwards go to a new file.
     */
    synchronized List<Path> sealAll() {
        if (active != null && activeBytes > 0) {
            sealActive();
        }
        return new ArrayList<>(sealed);
    }

    /** Deletes a sealed file whose events are all committed. */
    synchronized void delete(Path file) throws IOException {
        long size = Files.size(file);
        Files.delete(file);
        sealed.remove(file);
        bytes = Math.max(0, bytes - size);
    }

    /** Whether no event waits here. */
    synchronized boolean isEmpty() {
        return sealed.isEmpty() && activeBytes == 0;
    }

    /** Bytes in the spool files. */
    synchronized long bytes() {
        return bytes;
    }

    /** Events appended since the spool was opened. */
    synchronized long appended() {
        return appended;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Closes the active file and releases the directory; the files stay for the next start. */
    @Override
    public synchronized void close() {
        try {
            if (active != null) {
                sealActive();
            }
            if (lock != null) {
                lock.channel().close();
            }
        } catch (IOException e) {
            LOG.warn("Usage spool not closed cleanly dir={} error={}", directory, e.toString());
        }
    }

    private void write(FileChannel channel, ByteBuffer data) throws IOException {
        try {
            while (data.hasRemaining()) {
                channel.write(data);
            }
        } catch (IOException e) {
            // A half-written line would be skipped as corrupt anyway; cutting it keeps the count of bytes true.
            try {
                channel.truncate(activeBytes);
            } catch (IOException truncate) {
                sealActive();
            }
            throw e;
        }
    }

    private FileChannel openSegment() throws IOException {
        Files.createDirectories(directory);
        if (lock == null) {
            try {
                lock();
            } catch (UsageException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        Path file = directory.resolve(String.format("usage-spool-%020d.jsonl", nextNumber));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        nextNumber++;
        syncDirectory();
        active = channel;
        activeFile = file;
        activeBytes = 0;
        return channel;
    }

    private void sealActive() {
        FileChannel channel = active;
        Path file = activeFile;
        active = null;
        activeFile = null;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("Usage spool file not closed cleanly file={} error={}", file, e.toString());
        }
        if (file != null && activeBytes > 0) {
            sealed.add(file);
        } else if (file != null) {
            deleteQuietly(file);
        }
        activeBytes = 0;
    }

    private void lock() throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            taken = null;
        }
        if (taken == null) {
            channel.close();
            throw new UsageException("Another daemon spools usage in " + directory
                    + "; give each daemon its own usage.spool-dir");
        }
        lock = taken;
    }

    private void scan() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> SEGMENT.matcher(file.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path file : files) {
            Matcher number = SEGMENT.matcher(file.getFileName().toString());
            number.matches();
            nextNumber = Math.max(nextNumber, Long.parseLong(number.group(1)) + 1);
            long size = Files.size(file);
            if (size == 0) {
                deleteQuietly(file);
            } else {
                sealed.add(file);
                bytes += size;
            }
        }
        if (!sealed.isEmpty()) {
            LOG.info("Usage spool holds events from an earlier run, replaying them files={} bytes={} dir={}",
                    sealed.size(), bytes, directory);
        }
    }

    /** Makes a new file's name durable too, not only its contents. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Directory not synced dir={} error={}", directory, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Empty spool file not deleted file={} error={}", file, e.toString());
        }
    }

    /** The spool has reached {@code usage.spool-max-bytes}. */
    static final class SpoolFullException extends IOException {
        private static final long serialVersionUID = 1L;

        SpoolFullException(long bytes, long maxBytes, int events) {
            super("spool full: " + bytes + " of " + maxBytes + " bytes used, " + events + " events do not fit");
        }
    }
}
