package dev.finetuneadvisor.engine.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A t-wise covering array: rows of parameter values such that every combination of values of any t of the
 * parameters occurs in some row. The fact space uses it to combine the boundary values of the fact fields
 * in far fewer use cases than their full product while still meeting every pair (or triple) of them.
 *
 * <p>Built with IPOG (In-Parameter-Order-General, Lei et al. 2007): the full product of the first t
 * parameters, then one parameter at a time, first <em>horizontal growth</em> (each existing row gets the
 * value of the new parameter that covers the most combinations still uncovered) and then <em>vertical
 * growth</em> (each combination still uncovered goes into the first row whose cells allow it, or into a
 * new row). Parameters are taken in order of their value count, largest first (it gives smaller arrays),
 * and mapped back so that {@code row[i]} always is a value of parameter {@code i}. Cells no combination
 * needs ("don't care") are filled at the end with the value least used in their column so far, the lowest
 * on a tie. Nothing depends on hash order or chance: the same counts and t give the same rows in the
 * same order.
 *
 * <p>Hand-written rather than taken from a library because speed matters here: allpairs4j 1.0.1 took 6 s
 * for t = 2 over 40 parameters and did not finish t = 3 in minutes, while the fact space needs t = 3 over
 * about 45 in seconds. The uncovered combinations are therefore one flat bitset indexed by (parameter
 * combination, value tuple), never a set of lists.
 */
public final class CoveringArray {
    /** The largest t for which the combinations are tracked (t at least the number of parameters is the full product). */
    public static final int MAX_T = 4;
    /** The most t-way combinations one bitset tracks (2^31 bits, 256 MB): more is a mistake, not a job. */
    private static final long MAX_TRACKED = 1L << 31;
    /** A cell no combination needs yet. */
    private static final int DONT_CARE = -1;

    private CoveringArray() {
    }

    /**
     * Rows of value indexes ({@code row[i]} in {@code 0..counts[i]-1}) such that every combination of values
     * of any t of the parameters occurs in some row.
     *
     * @param counts the number of values of each parameter, each at least 1
     * @param t      how many parameters each combination has, 1 to {@link #MAX_T}; at least the number of
     *               parameters gives their full product
     * @throws IllegalArgumentException when a count is below 1, t is below 1 or above {@link #MAX_T} for more
     *                                  than t parameters, or there are too many combinations to track
     */
    public static List<int[]> generate(int[] counts, int t) {
        return generate(counts, t, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #generate(int[], int)}, but stops adding rows once the array would exceed {@code maxRows};
     * the rows it has still get a value for every parameter (chosen to cover as much as they can), and
     * {@link #coverage} then says how much is covered.
     *
     * @throws IllegalArgumentException as {@link #generate(int[], int)}, and when {@code maxRows} is below 1
     */
    public static List<int[]> generate(int[] counts, int t, int maxRows) {
        int n = checked(counts, t);
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        int[] order = byCountDescending(counts);
        int[] cnt = new int[n];
        for (int j = 0; j < n; j++) {
            cnt[j] = counts[order[j]];
        }
        int s = Math.min(t, n);
        List<int[]> rows = product(cnt, s, maxRows);
        for (int k = s; k < n; k++) {
            new Extension(rows, cnt, k, s, maxRows).run();
        }
        fillDontCares(rows, cnt);
        return inGivenOrder(rows, order);
    }

    /**
     * How many of the t-way value combinations {@code rows} cover, and how many there are:
     * {@code long[]{covered, total}}. With t at least the number of parameters, the combinations are the
     * rows of the full product.
     *
     * @throws IllegalArgumentException as {@link #generate(int[], int)}, and when a row does not have one
     *                                  value in range for each parameter
     */
    public static long[] coverage(List<int[]> rows, int[] counts, int t) {
        int n = checked(counts, t);
        Objects.requireNonNull(rows, "rows");
        Combos combos = Combos.of(n, Math.min(t, n));
        long[] offset = offsets(combos, counts, 1);
        long total = offset[combos.count];
        long[] seen = new long[words(total)];
        for (int r = 0; r < rows.size(); r++) {
            int[] row = Objects.requireNonNull(rows.get(r), "row " + r);
            if (row.length != n) {
                throw new IllegalArgumentException("row " + r + " has " + row.length + " values, not one for each of the " + n + " parameters");
            }
            for (int i = 0; i < n; i++) {
                if (row[i] < 0 || row[i] >= counts[i]) {
                    throw new IllegalArgumentException("row " + r + " has value " + row[i] + " for parameter " + i
                            + ", which has values 0.." + (counts[i] - 1));
                }
            }
            for (int c = 0; c < combos.count; c++) {
                long bit = offset[c] + combos.index(c, row, counts);
                seen[(int) (bit >>> 6)] |= 1L << bit;
            }
        }
        long covered = 0;
        for (long w : seen) {
            covered += Long.bitCount(w);
        }
        return new long[] {covered, total};
    }

    /** The number of parameters, after checking the arguments every entry point shares. */
    private static int checked(int[] counts, int t) {
        Objects.requireNonNull(counts, "counts");
        int n = counts.length;
        if (n == 0) {
            throw new IllegalArgumentException("counts must name at least one parameter");
        }
        for (int i = 0; i < n; i++) {
            if (counts[i] < 1) {
                throw new IllegalArgumentException("parameter " + i + " has " + counts[i] + " values; each needs at least 1");
            }
        }
        if (t < 1) {
            throw new IllegalArgumentException("t must be at least 1, got " + t);
        }
        if (t > MAX_T && t < n) {
            throw new IllegalArgumentException("t must be at most " + MAX_T + " (or at least the number of parameters, "
                    + n + ", for their full product), got " + t);
        }
        return n;
    }

    /** Parameter indexes, largest count first, the lower index first on a tie. */
    private static int[] byCountDescending(int[] counts) {
        return IntStream.range(0, counts.length).boxed()
                .sorted((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The full product of the first s parameters (the last fastest), at most maxRows of it; the other cells don't care. */
    private static List<int[]> product(int[] cnt, int s, int maxRows) {
        long size = 1;
        for (int j = 0; j < s && size <= maxRows; j++) {
            size *= cnt[j];
        }
        int rowsWanted = (int) Math.min(size, maxRows);
        List<int[]> rows = new ArrayList<>(rowsWanted);
        int[] value = new int[s];
        for (int r = 0; r < rowsWanted; r++) {
            int[] row = new int[cnt.length];
            Arrays.fill(row, DONT_CARE);
            System.arraycopy(value, 0, row, 0, s);
            rows.add(row);
            for (int j = s - 1; j >= 0 && ++value[j] == cnt[j]; j--) {
                value[j] = 0;
            }
        }
        return rows;
    }

    /** Where each combination's value tuples start in one bitset (and, last, the total), with {@code last} values of a parameter after them. */
    private static long[] offsets(Combos combos, int[] cnt, int last) {
        long[] offset = new long[combos.count + 1];
        for (int c = 0; c < combos.count; c++) {
            long tuples = last;
            for (int j = 0; j < combos.size; j++) {
                tuples *= cnt[combos.param(c, j)];
            }
            offset[c + 1] = offset[c] + tuples;
            if (offset[c + 1] > MAX_TRACKED) {
                throw new IllegalArgumentException("more than " + MAX_TRACKED
                        + " value combinations to track; lower t or the number of values");
            }
        }
        return offset;
    }

    private static int words(long bits) {
        return (int) ((bits + 63) >>> 6);
    }

    /** Gives each don't-care cell the value least used in its column so far, the lowest on a tie. */
    private static void fillDontCares(List<int[]> rows, int[] cnt) {
        for (int j = 0; j < cnt.length; j++) {
            int[] used = new int[cnt[j]];
            for (int[] row : rows) {
                if (row[j] != DONT_CARE) {
                    used[row[j]]++;
                }
            }
            for (int[] row : rows) {
                if (row[j] == DONT_CARE) {
                    int least = 0;
                    for (int v = 1; v < used.length; v++) {
                        if (used[v] < used[least]) {
                            least = v;
                        }
                    }
                    row[j] = least;
                    used[least]++;
                }
            }
        }
    }

    private static List<int[]> inGivenOrder(List<int[]> rows, int[] order) {
        List<int[]> out = new ArrayList<>(rows.size());
        for (int[] row : rows) {
            int[] given = new int[row.length];
            for (int j = 0; j < row.length; j++) {
                given[order[j]] = row[j];
            }
            out.add(given);
        }
        return out;
    }

    /**
     * One IPOG step: adds parameter k to rows that already cover every t-way combination of parameters
     * 0..k-1. The combinations it must cover are those of k with each (t-1)-subset of 0..k-1; in the bitset
     * a combination's tuples are laid out with k's value fastest, so all values of k for one row and one
     * subset are adjacent bits.
     */
    private static final class Extension {
        private final List<int[]> rows;
        private final int[] cnt;
        private final int k;
        private final int ck;
        private final int maxRows;
        private final Combos combos;
        private final long[] offset;
        /** Bit set: this (subset, values of the subset, value of k) is not in any row yet. */
        private final long[] uncovered;
        private long left;

        Extension(List<int[]> rows, int[] cnt, int k, int t, int maxRows) {
            this.rows = rows;
            this.cnt = cnt;
            this.k = k;
            this.ck = cnt[k];
            this.maxRows = maxRows;
            this.combos = Combos.of(k, t - 1);
            this.offset = offsets(combos, cnt, ck);
            this.left = offset[combos.count];
            this.uncovered = new long[words(left)];
            Arrays.fill(uncovered, -1L);
            if ((left & 63) != 0) {
                uncovered[uncovered.length - 1] = (1L << left) - 1;
            }
        }

        void run() {
            horizontal();
            if (left > 0) {
                vertical();
            }
        }

        /** Gives each row the value of k that covers the most uncovered combinations (on a tie the least used so far, then the lowest). */
        private void horizontal() {
            int[] gain = new int[ck];
            int[] used = new int[ck];
            long[] base = new long[combos.count];
            for (int r = 0; r < rows.size() && left > 0; r++) {
                int[] row = rows.get(r);
                Arrays.fill(gain, 0);
                for (int c = 0; c < combos.count; c++) {
                    long index = combos.index(c, row, cnt);
                    base[c] = index < 0 ? -1 : offset[c] + index * ck;
                    if (index >= 0) {
                        countBits(base[c], gain);
                    }
                }
                int best = 0;
                for (int v = 1; v < ck; v++) {
                    if (gain[v] > gain[best] || gain[v] == gain[best] && used[v] < used[best]) {
                        best = v;
                    }
                }
                if (gain[best] == 0) {
                    continue; // any value would do; leave the cell free for vertical growth
                }
                row[k] = best;
                used[best]++;
                for (int c = 0; c < combos.count; c++) {
                    if (base[c] >= 0) {
                        clear(base[c] + best);
                    }
                }
            }
        }

        /** Adds 1 to gain[v] for each value v of k whose combination at {@code base} is uncovered. */
        private void countBits(long base, int[] gain) {
            if (ck < 64) {
                int word = (int) (base >>> 6);
                int shift = (int) (base & 63);
                long bits = uncovered[word] >>> shift;
                if (shift + ck > 64) {
                    bits |= uncovered[word + 1] << (64 - shift);
                }
                bits &= (1L << ck) - 1;
                while (bits != 0) {
                    gain[Long.numberOfTrailingZeros(bits)]++;
                    bits &= bits - 1;
                }
            } else {
                for (int v = 0; v < ck; v++) {
                    if (isSet(base + v)) {
                        gain[v]++;
                    }
                }
            }
        }

        /** Puts each combination still uncovered into the first row whose cells allow it, or into a new row. */
        private void vertical() {
            List<Integer> open = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                int[] row = rows.get(r);
                for (int j = 0; j <= k; j++) {
                    if (row[j] == DONT_CARE) {
                        open.add(r);
                        break;
                    }
                }
            }
            int m = combos.size;
            int[] values = new int[m];
            for (int c = 0; c < combos.count && left > 0; c++) {
                long end = offset[c + 1];
                for (long bit = nextSet(offset[c], end); bit >= 0; bit = nextSet(bit + 1, end)) {
                    long local = bit - offset[c];
                    int vk = (int) (local % ck);
                    long rest = local / ck;
                    for (int j = m - 1; j >= 0; j--) {
                        int p = combos.param(c, j);
                        values[j] = (int) (rest % cnt[p]);
                        rest /= cnt[p];
                    }
                    int[] row = fit(open, c, values, vk);
                    if (row == null) {
                        if (rows.size() >= maxRows) {
                            continue;
                        }
                        row = new int[cnt.length];
                        Arrays.fill(row, DONT_CARE);
                        open.add(rows.size());
                        rows.add(row);
                    }
                    for (int j = 0; j < m; j++) {
                        row[combos.param(c, j)] = values[j];
                    }
                    row[k] = vk;
                    clearCoveredBy(row);
                }
            }
        }

        /** The first open row whose cells for combination c's parameters and k are free or already these values. */
        private int[] fit(List<Integer> open, int c, int[] values, int vk) {
            for (int r : open) {
                int[] row = rows.get(r);
                if (row[k] != DONT_CARE && row[k] != vk) {
                    continue;
                }
                boolean fits = true;
                for (int j = 0; j < values.length && fits; j++) {
                    int cell = row[combos.param(c, j)];
                    fits = cell == DONT_CARE || cell == values[j];
                }
                if (fits) {
                    return row;
                }
            }
            return null;
        }

        /** Marks every combination the row now holds as covered (filling a cell can complete others than the one placed). */
        private void clearCoveredBy(int[] row) {
            for (int c = 0; c < combos.count; c++) {
                long index = combos.index(c, row, cnt);
                if (index >= 0) {
                    clear(offset[c] + index * ck + row[k]);
                }
            }
        }

        private boolean isSet(long bit) {
            return (uncovered[(int) (bit >>> 6)] & (1L << bit)) != 0;
        }

        private void clear(long bit) {
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            if ((uncovered[word] & mask) != 0) {
                uncovered[word] &= ~mask;
                left--;
            }
        }

        /** The first uncovered bit in [from, end), or -1. */
        private long nextSet(long from, long end) {
            if (from >= end) {
                return -1;
            }
            int word = (int) (from >>> 6);
            long bits = uncovered[word] & (-1L << from);
            while (bits == 0) {
                if (++word >= uncovered.length || ((long) word << 6) >= end) {
                    return -1;
                }
                bits = uncovered[word];
            }
            long bit = ((long) word << 6) + Long.numberOfTrailingZeros(bits);
            return bit < end ? bit : -1;
        }
    }

    /** All subsets of one size of parameters 0..n-1, in lexicographic order, flat. */
    private static final class Combos {
        final int size;
        final int count;
        private final int[] params;

        private Combos(int size, int count, int[] params) {
            this.size = size;
            this.count = count;
            this.params = params;
        }

        static Combos of(int n, int size) {
            List<int[]> all = new ArrayList<>();
            int[] c = new int[size];
            for (int j = 0; j < size; j++) {
                c[j] = j;
            }
            while (true) {
                all.add(c.clone());
                int j = size - 1;
                while (j >= 0 && c[j] == n - size + j) {
                    j--;
                }
                if (j < 0) {
                    break;
                }
                c[j]++;
                for (int i = j + 1; i < size; i++) {
                    c[i] = c[i - 1] + 1;
                }
            }
            int[] flat = new int[all.size() * size];
            for (int i = 0; i < all.size(); i++) {
                System.arraycopy(all.get(i), 0, flat, i * size, size);
            }
            return new Combos(size, all.size(), flat);
        }

        int param(int combo, int j) {
            return params[combo * size + j];
        }

        /** The mixed-radix index of the row's values on combination c's parameters, or -1 when one is don't care. */
        long index(int combo, int[] row, int[] cnt) {
            long index = 0;
            for (int j = combo * size, end = j + size; j < end; j++) {
                int p = params[j];
                int value = row[p];
                if (value == DONT_CARE) {
                    return -1;
                }
                index = index * cnt[p] + value;
            }
            return index;
        }
    }
}
