package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.FactField;
import dev.finetuneadvisor.model.UseCase;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One use case of the fact space: the fields it gives (every other field absent, i.e. unknown), by path in
 * fact-file order, and where it came from.
 *
 * @param id its name in reports ({@code space-000042})
 * @param origin how it was made: {@code covering}, {@code random}, {@code flip} (a volume either side of where a
 *               comparison the rules compute flips) or {@code minimal} (a counterexample made smaller)
 * @param given the fields it gives and their values
 */
public record SpaceCase(String id, String origin, Map<String, Object> given) {
    public SpaceCase {
        Objects.requireNonNull(id, "id");
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** A copy with one field set to a value, or left out when the value is null. */
    public SpaceCase with(String path, Object value, List<FactField> order) {
        Map<String, Object> next = new LinkedHashMap<>(given);
        if (value == null) {
            next.remove(path);
        } else {
            next.put(path, value);
        }
        return new SpaceCase(id, origin, ordered(next, order));
    }

    /** A copy without a field. */
    public SpaceCase without(String path) {
        Map<String, Object> next = new LinkedHashMap<>(given);
        next.remove(path);
        return new SpaceCase(id, origin, next);
    }

    /** A copy named differently. */
    public SpaceCase named(String newId, String newOrigin) {
        return new SpaceCase(newId, newOrigin, given);
    }

    /** The use case it stands for, built field by field through the fact model's setters. */
    public UseCase toUseCase(List<FactField> fields) {
        UseCase u = new UseCase();
        u.setId(id);
        given.forEach((path, value) -> {
            FactField f = FactField.find(fields, path);
            if (f == null) {
                throw new IllegalArgumentException("no field " + path);
            }
            f.set(u, value);
        });
        return u;
    }

    /**
     * The case a use case is: every field it gives (a cost input only where it overrides the assumptions), named by
     * the use case's id.
     */
    public static SpaceCase of(UseCase useCase, List<FactField> fields) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (FactField f : fields) {
            if (f.costInput() != null) {
                if (useCase.getCosts().containsKey(f.costInput())) {
                    given.put(f.path(), useCase.getCosts().get(f.costInput()));
                }
                continue;
            }
            Object v = f.get(useCase);
            if (v != null) {
                given.put(f.path(), v);
            }
        }
        return new SpaceCase(useCase.getId() == null ? "use case" : useCase.getId(), "scenario", given);
    }

    /** The values in the fields' order (fact-file order, then cost inputs). */
    static Map<String, Object> ordered(Map<String, Object> values, List<FactField> order) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FactField f : order) {
            if (values.containsKey(f.path())) {
                out.put(f.path(), values.get(f.path()));
            }
        }
        values.forEach(out::putIfAbsent);
        return out;
    }
}
