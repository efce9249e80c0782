package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One change to a use case's facts that a counterfactual needs: the field (as written in fact files), the
 * value it has now ({@code null} when not given) and the value that works. For a number, {@code bound}
 * says that any value beyond {@code to} in that direction works too; for a choice, {@code anyOf} lists
 * every value that works when there is more than one. {@code gate} is the gate the change is for;
 * {@code kind} says whether the field is a lever (a step to take) or a condition (something to watch), as
 * {@code rules/fields.yaml} declares it. A description of the task is never a change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"field", "kind", "from", "to", "bound", "anyOf", "gate"})
public final class Change {
    /** For numbers: the found value is the least (AT_LEAST) or greatest (AT_MOST) that works. */
    public enum Bound { AT_LEAST, AT_MOST }

    private final String field;
    private final Object from;
    private final Object to;
    private final Bound bound;
    private final List<Object> anyOf;
    private final String gate;
    private final FieldKind kind;

    public Change(String field, Object from, Object to, Bound bound, List<Object> anyOf, String gate) {
        this(field, from, to, bound, anyOf, gate, null);
    }

    public Change(String field, Object from, Object to, Bound bound, List<Object> anyOf, String gate, FieldKind kind) {
        this.field = Objects.requireNonNull(field, "field");
        this.from = from;
        this.to = Objects.requireNonNull(to, "to");
        this.bound = bound;
        this.anyOf = anyOf == null || anyOf.size() < 2 ? null : List.copyOf(anyOf);
        this.gate = gate;
        this.kind = kind;
    }

    /** The same change, said to be for {@code gate}. */
    public Change forGate(String gate) {
        return new Change(field, from, to, bound, anyOf, gate, kind);
    }

    /** The same change with another value found (a tighter bound). */
    public Change withTo(Object value) {
        return new Change(field, from, value, bound, anyOf, gate, kind);
    }

    public String getField() { return field; }

    /** The value now; {@code null} (written as JSON null) when the fact is not given. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Object getFrom() { return from; }
    public Object getTo() { return to; }
    public Bound getBound() { return bound; }
    public List<Object> getAnyOf() { return anyOf; }
    public String getGate() { return gate; }

    /** Lever or condition (null only for a change made outside a search). */
    public FieldKind getKind() { return kind; }

    /** True when the field is a condition to watch rather than a step to take. */
    @JsonIgnore
    public boolean isCondition() { return kind == FieldKind.CONDITION; }

    /** True when the fact is given now. */
    @JsonIgnore
    public boolean isFromGiven() { return from != null; }

    /** {@code from} as a number (NaN when not given or not a number), for rules that format it. */
    @JsonIgnore
    public double getFromNumber() { return from instanceof Number n ? n.doubleValue() : Double.NaN; }

    /** {@code to} as a number (NaN when not a number). */
    @JsonIgnore
    public double getToNumber() { return to instanceof Number n ? n.doubleValue() : Double.NaN; }
}
