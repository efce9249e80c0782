package dev.finetuneadvisor.model;

import java.util.List;
import java.util.Objects;

/** What a gate says about this use case on its own, before the framework's order is applied. */
public final class GateFinding {
    private final Gate gate;
    private final Status status;
    private final String reason;
    private final List<String> fields;

    public GateFinding(Gate gate, Status status, String reason, List<String> fields) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.fields = List.copyOf(fields);
    }

    public Gate getGate() { return gate; }
    public int getNumber() { return gate.getNumber(); }
    public String getName() { return gate.getName(); }
    public Status getStatus() { return status; }
    public String getReason() { return reason; }
    /** The fields the deciding checks looked at (for UNKNOWN: the facts to gather). */
    public List<String> getFields() { return fields; }
}
