package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What a fact field is to a team, as {@code rules/fields.yaml} declares it: something it does (a lever),
 * something that changes over time and is worth watching (a condition), or what the task is (a
 * description). Counterfactuals propose levers, report conditions, and never change a description.
 */
public enum FieldKind {
    @JsonProperty("lever") LEVER,
    @JsonProperty("condition") CONDITION,
    @JsonProperty("description") DESCRIPTION;

    /** The name as written in the catalogue ({@code lever}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
