package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * Which advisor and which knowledge gave a result: the advisor's version and short content hashes of the rule
 * files and of the assumptions in use (see {@code docs/json-output.md}, "Provenance"). Two results with the
 * same three values came from the same rules and numbers, so a logged decision can be told apart from one
 * under later rules.
 *
 * @param advisorVersion the advisor's version ({@code 0.1.0})
 * @param rulesRevision 12 hex digits of a SHA-256 over the rule files (DRL and YAML but the assumptions)
 * @param assumptionsRevision 12 hex digits of a SHA-256 over the assumption files in use, in the order applied
 */
@JsonPropertyOrder({"advisorVersion", "rulesRevision", "assumptionsRevision"})
public record Revisions(String advisorVersion, String rulesRevision, String assumptionsRevision) {
    public Revisions {
        Objects.requireNonNull(advisorVersion, "advisorVersion");
        Objects.requireNonNull(rulesRevision, "rulesRevision");
        Objects.requireNonNull(assumptionsRevision, "assumptionsRevision");
    }

    /** One line for a report's head: {@code finetune-advisor 0.1.0, rules 1a2b3c4d5e6f, assumptions 0f1e2d3c4b5a}. */
    public String line() {
        return "finetune-advisor " + advisorVersion + ", rules " + rulesRevision + ", assumptions " + assumptionsRevision;
    }
}
