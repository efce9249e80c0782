package dev.finetuneadvisor.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Watching files ({@code advise --watch}, the rules of {@code advisor serve}): runs an action, then again each time a file below the watched folders changes, until
 * stopped (Ctrl-C). Changes that arrive together (an editor saving several files) make one re-run.
 */
public final class FileWatcher {
    /**
     * How long to wait for more changes before re-running: an editor's save (a temporary file, a rename)
     * lands within a few milliseconds, and every millisecond here is waited after each save.
     */
    public static final long SETTLE_MILLIS = 100;

    private FileWatcher() {
    }

    /**
     * Runs {@code action}, then again after each change. A directory in {@code roots} is watched with
     * everything below it; a file, by watching its own folder only (not the folders below it).
     */
    public static void watch(List<Path> roots, Runnable action, BooleanSupplier keepGoing) {
        try (WatchService service = FileSystems.getDefault().newWatchService()) {
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    register(service, root);
                } else if (root.toAbsolutePath().getParent() != null) {
                    root.toAbsolutePath().getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
            action.run();
            while (keepGoing.getAsBoolean()) {
                WatchKey key = service.poll(200, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                drain(key, service);
                WatchKey more;
                while ((more = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more, service);
                }
                if (keepGoing.getAsBoolean()) {
                    action.run();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WatchKey key, WatchService service) throws IOException {
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                register(service, dir.resolve(name));
            }
        }
        key.reset();
    }

    private static void register(WatchService service, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }
}
