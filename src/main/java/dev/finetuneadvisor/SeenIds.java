package dev.finetuneadvisor;

/**
 * The ids seen so far in a run, to reject a repeated one, in memory that does not grow with the input:
 * each id is kept as a 64-bit hash in one open-addressing table of 2²¹ longs, 16 MiB allocated up front,
 * so a run of ten use cases and a run of a million use the same memory. Two different ids share a hash
 * with a chance of about n²/2⁶⁵ (3 in 100 million for a million ids). Past {@link #CAPACITY} ids the
 * check stops, said once by {@link #add} returning {@link Outcome#FULL}.
 */
final class SeenIds {
    private static final int SLOTS = 1 << 21;
    /** Most ids remembered: three quarters of the table, so that a probe stays short. */
    static final int CAPACITY = SLOTS / 4 * 3;

    enum Outcome { NEW, DUPLICATE, FULL, NOT_CHECKED }

    private final long[] table = new long[SLOTS];
    private int size;
    private boolean full;

    /** Remembers an id: NEW, DUPLICATE (seen before), FULL (the first id not checked), then NOT_CHECKED. */
    Outcome add(String id) {
        if (full) {
            return Outcome.NOT_CHECKED;
        }
        long h = hash(id);
        int mask = table.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                if (size >= CAPACITY) {
                    full = true;
                    return Outcome.FULL;
                }
                table[i] = h;
                size++;
                return Outcome.NEW;
            }
            if (table[i] == h) {
                return Outcome.DUPLICATE;
            }
        }
    }

    /** FNV-1a over the UTF-16 chars, then MurmurHash3's finalizer to spread the bits; never 0 (the empty slot). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
