package dev.finetuneadvisor;

/**
 * The ids seen so far in a run, to reject a repeated one, in memory bounded whatever the input: each id
 * is kept as a 64-bit hash in one open-addressing table of longs that starts at 2¹⁰ slots (8 KiB, so a
 * run of one use case, as a server or a partition makes, costs little) and doubles as it fills, up to
 * 2²¹ slots (16 MiB). Two different ids share a hash
 * with a chance of about n²/2⁶⁵ (3 in 100 million for a million ids). Past {@link #CAPACITY} ids the
 * check stops, said once by {@link #add} returning {@link Outcome#FULL}.
 */
final class SeenIds {
    private static final int SLOTS = 1 << 21;
    private static final int FIRST_SLOTS = 1 << 10;
    /** Most ids remembered: three quarters of the largest table, so that a probe stays short. */
    static final int CAPACITY = SLOTS / 4 * 3;

    enum Outcome { NEW, DUPLICATE, FULL, NOT_CHECKED }

    private long[] table = new long[FIRST_SLOTS];
    private int size;
    private boolean full;

    /** Remembers an id: NEW, DUPLICATE (seen before), FULL (the first id not checked), then NOT_CHECKED. */
    Outcome add(String id) {
        if (full) {
            return Outcome.NOT_CHECKED;
        }
        long h = hash(id);
        if (size >= table.length / 4 * 3 && table.length < SLOTS) {
            grow();
        }
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

    /** Doubles the table, putting every hash kept where the larger table probes for it. */
    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) h & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = h;
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
