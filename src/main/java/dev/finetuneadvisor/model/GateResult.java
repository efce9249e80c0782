package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * A gate as reported: {@code status} is what the framework's order makes of it (NOT_REACHED after the
 * first gate that does not pass), {@code finding} is what the gate says on its own, so the whole to-do
 * list stays visible.
 */
@JsonPropertyOrder({"number", "name", "status", "finding", "reason", "fields"})
public final class GateResult {
    private final int number;
    private final String name;
    private final Status status;
    private final Status finding;
    private final String reason;
    private final List<String> fields;

    public GateResult(int number, String name, Status status, Status finding, String reason, List<String> fields) {
        this.number = number;
        this.name = Objects.requireNonNull(name, "name");
        this.status = Objects.requireNonNull(status, "status");
        this.finding = Objects.requireNonNull(finding, "finding");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.fields = List.copyOf(fields);
    }

    /** The gate's finding stands: every gate before it passed. */
    public static GateResult reached(GateFinding f) {
        return new GateResult(f.getNumber(), f.getName(), f.getStatus(), f.getStatus(), f.getReason(), f.getFields());
    }

    /** The gate is not reached; {@code reason} says which gate stopped first. */
    public static GateResult notReached(GateFinding f, String reason) {
        return new GateResult(f.getNumber(), f.getName(), Status.NOT_REACHED, f.getStatus(), reason, f.getFields());
    }

    public int getNumber() { return number; }
    public String getName() { return name; }
    public Status getStatus() { return status; }
    public Status getFinding() { return finding; }
    public String getReason() { return reason; }
    public List<String> getFields() { return fields; }

    @JsonIgnore
    public boolean isReached() { return status != Status.NOT_REACHED; }
}
