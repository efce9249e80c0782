package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Readies the fact reader and the result writer on a second core while the rules load on the first, so an
 * expert checking one file waits for the rules only (cold start, one file: about 40 ms of 1 s). It reads
 * the first path when that is a single small fact file and throws what it read away: the real read
 * follows, with the rules' cost inputs. Nothing it does can fail the run or change its output.
 */
final class Warmup {
    /** A fact file read twice costs nothing noticeable up to this size; bigger inputs are batches anyway. */
    private static final long SMALL_FILE_BYTES = 64 * 1024;

    private Warmup() {
    }

    static void start(List<Path> paths) {
        Path first = paths.isEmpty() ? null : paths.get(0);
        Thread thread = new Thread(() -> run(first), "advisor-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run(Path first) {
        try {
            Json.mapper().getSerializerProviderInstance().findValueSerializer(Result.class);
            if (first != null && isSmallFactFile(first)) {
                new FactReader(CostKeys.of(Set.of())).readFile(first, loaded -> { }, error -> { });
            }
        } catch (Exception | LinkageError ignored) {
            // only a head start: whatever fails here is met, and reported, by the real run
        }
    }

    private static boolean isSmallFactFile(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.endsWith(".jsonl") && FactReader.FACT_FILE_ENDINGS.stream().anyMatch(name::endsWith)
                && Files.isRegularFile(file) && Files.size(file) <= SMALL_FILE_BYTES;
    }
}
