package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.Sweep;
import dev.finetuneadvisor.model.Sweep.Row;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The verdict across a range of one field, everything else kept: the rules run at evenly spaced values,
 * and where two neighbouring values get different verdicts the exact edge is found by bisection (the last
 * value with the old verdict and the first with the new, one grid unit apart). A flag or choice is run at
 * each of its values.
 */
public final class Sensitivity {
    /** The largest number of steps a sweep takes. */
    public static final int MAX_STEPS = 1000;

    private final Evaluator evaluator;
    private final List<FactField> fields;

    public Sensitivity(Evaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.fields = FactField.all(evaluator.rules().fields(), evaluator.assumptions());
    }

    /** The fields a sweep may run over, in fact-file order. */
    public List<FactField> fields() {
        return fields;
    }

    /**
     * Runs the rules across the range.
     *
     * @param from the first value (numbers only; ignored for flags and choices)
     * @param to the last value (numbers only)
     * @param steps how many equal steps from {@code from} to {@code to}
     */
    public Sweep sweep(UseCase useCase, String file, FactField field, Double from, Double to, int steps) {
        Probe probe = new Probe(evaluator, useCase, file);
        Map<FactField, Object> base = alternativesCleared(field);
        Map<Long, Row> rows = new TreeMap<>();
        List<Object> choices = new ArrayList<>();
        if (!field.isNumber()) {
            choices.addAll(field.choices());
            List<Row> out = new ArrayList<>();
            for (Object v : choices) {
                out.add(row(probe, base, field, v, false));
            }
            return new Sweep(useCase.getId(), file, field.path(), field.get(useCase), out);
        }
        long a = field.toUnits(Objects.requireNonNull(from, "from"));
        long b = field.toUnits(Objects.requireNonNull(to, "to"));
        long lo = Math.max(0, Math.min(a, b));
        long hi = Math.min(field.maxUnits(), Math.max(a, b));
        int n = Math.max(1, Math.min(steps, MAX_STEPS));
        for (int i = 0; i <= n; i++) {
            long u = lo + Math.round((hi - lo) * (double) i / n);
            rows.putIfAbsent(u, row(probe, base, field, field.fromUnits(u), false));
        }
        List<Long> grid = new ArrayList<>(rows.keySet());
        for (int i = 0; i + 1 < grid.size(); i++) {
            String before = rows.get(grid.get(i)).verdict();
            if (!Objects.equals(before, rows.get(grid.get(i + 1)).verdict())) {
                Predicate<Result> changed = r -> r == null || !Objects.equals(r.verdict(), before);
                long edge = probe.bisect(base, field, changed, grid.get(i), grid.get(i + 1));
                long last = edge - 1;
                rows.put(last, row(probe, base, field, field.fromUnits(last), true));
                rows.put(edge, row(probe, base, field, field.fromUnits(edge), true));
            }
        }
        return new Sweep(useCase.getId(), file, field.path(), field.get(useCase), new ArrayList<>(rows.values()));
    }

    /** A use case gives one of a field's alternatives (calls a day or a month): sweeping one sets the others aside. */
    private Map<FactField, Object> alternativesCleared(FactField field) {
        Map<FactField, Object> base = new LinkedHashMap<>();
        field.alternatives().forEach(other -> base.put(FactField.find(fields, other), null));
        return base;
    }

    private static Row row(Probe probe, Map<FactField, Object> base, FactField field, Object value, boolean edge) {
        Result r = probe.eval(Probe.plus(base, field, value));
        if (r == null) {
            return new Row(value, null, null, null, edge);
        }
        GateResult stop = r.stoppedAt();
        return new Row(value, r.verdict(), stop == null ? null : stop.getName(), r.costs() == null ? null : r.costs().getAdvantage(), edge);
    }
}
