package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.FactField;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Where a change of decision flips when one number decides it: the interval of a field, all else as a case gives it,
 * within which the case stays in its group ({@code data.labeledExamples in [1000, 1999]}). A side is null when the
 * case stays in the group up to that end of the field's range.
 *
 * @param field the field's path
 * @param low the smallest value still in the group, or null (in it down to the range's end)
 * @param high the largest value still in the group, or null (in it up to the range's end)
 */
public record Boundary(String field, Object low, Object high, boolean decides) {

    /** An interval not yet told whether it decides the change. */
    public Boundary(String field, Object low, Object high) {
        this(field, low, high, false);
    }

    /**
     * This interval, told whether the field decides the change: just outside it, on each side it is bounded, the
     * case's decision does not change at all ({@code changes} false) -- rather than changing another way.
     */
    public Boundary decidedBy(SpaceCase c, FactField f, List<FactField> fields, Predicate<SpaceCase> changes) {
        boolean decided = true;
        if (low != null) {
            long below = f.toUnits(low) - 1;
            decided &= below >= f.toUnits(f.spec().min()) && !changes.test(c.with(field, f.fromUnits(below), fields));
        }
        if (high != null) {
            long above = f.toUnits(high) + 1;
            decided &= above <= f.maxUnits() && !changes.test(c.with(field, f.fromUnits(above), fields));
        }
        return new Boundary(field, low, high, decided);
    }

    /**
     * Searches the interval around the value {@code c} gives {@code f}: the field's values in the space in each
     * direction until one leaves the group, then bisection between the last value in it and that one, to one unit of
     * the field's grid ({@link FactField#unit()}).
     *
     * @param c a case in the group that gives {@code f} a number
     * @param spaceValues the field's values in the space
     * @param inGroup whether a case is in the group
     * @return the interval, or null when it reaches both ends of the field's range
     */
    public static Boundary search(SpaceCase c, FactField f, List<Object> spaceValues, List<FactField> fields, Predicate<SpaceCase> inGroup) {
        long at = f.toUnits(c.given().get(f.path()));
        long min = f.toUnits(f.spec().min());
        long max = f.maxUnits();
        TreeSet<Long> points = new TreeSet<>();
        for (Object v : spaceValues) {
            if (v instanceof Number) {
                points.add(f.toUnits(v));
            }
        }
        points.add(min);
        points.add(max);
        Predicate<Long> in = units -> inGroup.test(c.with(f.path(), f.fromUnits(units), fields));
        Long high = null;
        long last = at;
        for (long u : points.tailSet(at, false)) {
            if (!in.test(u)) {
                high = bisect(last, u, in);
                break;
            }
            last = u;
        }
        Long low = null;
        last = at;
        for (long u : points.headSet(at, false).descendingSet()) {
            if (!in.test(u)) {
                low = bisect(last, u, in);
                break;
            }
            last = u;
        }
        if (low == null && high == null) {
            return null;
        }
        return new Boundary(f.path(), low == null ? null : f.fromUnits(low), high == null ? null : f.fromUnits(high));
    }

    /** The last unit from {@code inside} (in the group) towards {@code outside} (not in it) that is still in it. */
    private static long bisect(long inside, long outside, Predicate<Long> in) {
        while (Math.abs(outside - inside) > 1) {
            long mid = inside + (outside - inside) / 2;
            if (in.test(mid)) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        return inside;
    }

    /** {@code path in [low, high]}, or {@code path >= low} / {@code path <= high} when one side is open. */
    public String describe() {
        if (low == null) {
            return field + " <= " + show(high);
        }
        if (high == null) {
            return field + " >= " + show(low);
        }
        return field + " in [" + show(low) + ", " + show(high) + "]";
    }

    /** A number as a fact file writes it: whole numbers without decimals, no exponent. */
    public static String show(Object v) {
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
