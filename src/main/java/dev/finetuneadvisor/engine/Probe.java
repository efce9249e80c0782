package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finetuneadvisor.model.Change;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Runs the real rules on changed copies of one use case and searches one field at a time for the values
 * that make a condition on the Result hold. The search knows grids and directions, never thresholds:
 * numbers are probed outwards from the current value and the boundary found by bisection, assuming only
 * that the condition holds on one side of it. Every evaluation is cached by the changes it was made with.
 */
final class Probe {
    private static final ObjectMapper COPIER = new ObjectMapper();

    private final Evaluator evaluator;
    private final UseCase base;
    private final String file;
    private final Map<String, Result> cache = new HashMap<>();

    Probe(Evaluator evaluator, UseCase base, String file) {
        this.evaluator = evaluator;
        this.base = base;
        this.file = file;
    }

    /**
     * The rules' Result for the use case with these changes, or null when the changed case is not a valid
     * one. A failure of the rules themselves (a loop, no verdict) is not hidden: it is thrown.
     *
     * @throws EvaluationException when the rules fail on the changed case
     */
    Result eval(Map<FactField, Object> with) {
        TreeMap<String, Object> key = new TreeMap<>();
        with.forEach((f, v) -> key.put(f.path(), v));
        String k = key.toString();
        if (cache.containsKey(k)) {
            return cache.get(k);
        }
        Result r;
        try {
            UseCase copy = COPIER.convertValue(base, UseCase.class);
            with.forEach((f, v) -> f.set(copy, v));
            r = evaluator.evaluate(copy, file);
        } catch (IllegalArgumentException e) {
            r = null; // not a valid use case (a value the fact model refuses): the condition does not hold there
        }
        cache.put(k, r);
        return r;
    }

    /** The use case as given. */
    UseCase base() {
        return base;
    }

    /** The value of {@code f} with these changes made. */
    Object valueOf(Map<FactField, Object> with, FactField f) {
        return with.containsKey(f) ? with.get(f) : f.get(base);
    }

    static Map<FactField, Object> plus(Map<FactField, Object> with, FactField f, Object value) {
        Map<FactField, Object> m = new LinkedHashMap<>(with);
        m.put(f, value);
        return m;
    }

    static Map<FactField, Object> minus(Map<FactField, Object> with, FactField f) {
        Map<FactField, Object> m = new LinkedHashMap<>(with);
        m.remove(f);
        return m;
    }

    boolean holds(Map<FactField, Object> with, Predicate<Result> p) {
        return p.test(eval(with));
    }

    private boolean holdsAt(Map<FactField, Object> with, FactField f, long units, Predicate<Result> p) {
        return holds(plus(with, f, f.fromUnits(units)), p);
    }

    /**
     * The values of {@code f} that make {@code p} hold, the other changes kept: for a flag or choice, every
     * value that works (the first as {@code to}); for a number, the nearest boundary above the current
     * value (AT_LEAST) and below it (AT_MOST), whichever exist, in that order.
     */
    List<Change> search(Map<FactField, Object> with, FactField f, Predicate<Result> p) {
        Object now = valueOf(with, f);
        List<Change> found = new ArrayList<>();
        if (!f.isNumber()) {
            List<Object> works = new ArrayList<>();
            for (Object v : f.choices()) {
                if (!v.equals(now) && holds(plus(with, f, v), p)) {
                    works.add(v);
                }
            }
            if (!works.isEmpty()) {
                found.add(new Change(f.path(), now, works.get(0), null, works, null, f.kind()));
            }
            return found;
        }
        long max = f.maxUnits();
        if (now == null) {
            // not given: walk up from zero
            long previous = -1;
            for (long u : upwards(0, max, true)) {
                if (holdsAt(with, f, u, p)) {
                    if (previous < 0) {
                        found.add(greatestFrom(with, f, p, u, max, now));
                    } else {
                        found.add(change(with, f, p, now, bisect(with, f, p, previous, u), true));
                    }
                    return found;
                }
                previous = u;
            }
            return found;
        }
        long c = f.toUnits(now);
        long last = c;
        for (long u : upwards(c, max, false)) {
            if (holdsAt(with, f, u, p)) {
                found.add(change(with, f, p, now, bisect(with, f, p, last, u), true));
                break;
            }
            last = u;
        }
        last = c;
        for (long u : downwards(c)) {
            if (holdsAt(with, f, u, p)) {
                found.add(change(with, f, p, now, bisect(with, f, p, last, u), false));
                break;
            }
            last = u;
        }
        return found;
    }

    /** From zero, which works: the greatest value that still works (or zero with no bound when all do). */
    private Change greatestFrom(Map<FactField, Object> with, FactField f, Predicate<Result> p, long works, long max, Object now) {
        long lastWorking = works;
        for (long u : upwards(works, max, false)) {
            if (!holdsAt(with, f, u, p)) {
                return change(with, f, p, now, bisect(with, f, p, u, lastWorking), false);
            }
            lastWorking = u;
        }
        return new Change(f.path(), now, f.fromUnits(works), null, null, null, f.kind());
    }

    /**
     * The boundary between a value where {@code p} fails and one where it holds (in either order), to one
     * grid unit: the value returned holds, its neighbour towards {@code fails} does not.
     */
    long bisect(Map<FactField, Object> with, FactField f, Predicate<Result> p, long fails, long holds) {
        while (Math.abs(holds - fails) > 1) {
            long mid = fails + (holds - fails) / 2;
            if (holdsAt(with, f, mid, p)) {
                holds = mid;
            } else {
                fails = mid;
            }
        }
        return holds;
    }

    private Change change(Map<FactField, Object> with, FactField f, Predicate<Result> p, Object now, long boundary, boolean atLeast) {
        long shown = roundWithinOnePercent(with, f, p, boundary, atLeast);
        return new Change(f.path(), now, f.fromUnits(shown), atLeast ? Change.Bound.AT_LEAST : Change.Bound.AT_MOST, null, null, f.kind());
    }

    /**
     * For volume and money, the roundest figure within 1% of an exact boundary that still works, so that 1%
     * beyond it (less for AT_LEAST, more for AT_MOST) is past the boundary and does not.
     */
    long roundWithinOnePercent(Map<FactField, Object> with, FactField f, Predicate<Result> p, long exact, boolean atLeast) {
        if (!f.roundsToOnePercent() || exact <= 0) {
            return exact;
        }
        int digits = Long.toString(exact).length();
        for (int significant = 1; significant < digits; significant++) {
            long unit = pow10(digits - significant);
            long r = atLeast ? -Math.floorDiv(-exact, unit) * unit : Math.floorDiv(exact, unit) * unit;
            boolean within = atLeast ? r * 0.99 < exact : r * 1.01 > exact;
            if (within && r <= f.maxUnits()) {
                return holdsAt(with, f, r, p) ? r : exact;
            }
        }
        return exact;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    /** Probes above {@code c}: growing by a factor of about 4 (from {@code c} itself when it is zero or unknown). */
    static List<Long> upwards(long c, long max, boolean includeStart) {
        List<Long> probes = new ArrayList<>();
        if (includeStart) {
            probes.add(c);
        }
        long step = Math.max(1, c / 4);
        long u = c;
        while (u < max) {
            u = u > max - step ? max : u + step;
            probes.add(u);
            step = Math.max(step * 4, Math.max(1, u / 4));
            if (step < 0) {
                break;
            }
        }
        return probes;
    }

    /** Probes below {@code c}: dividing by 4 down to zero. */
    static List<Long> downwards(long c) {
        List<Long> probes = new ArrayList<>();
        for (long u = c / 4; u > 0; u /= 4) {
            probes.add(u);
        }
        if (c > 0) {
            probes.add(0L);
        }
        return probes;
    }
}
