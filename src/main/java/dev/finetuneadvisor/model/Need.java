package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the use case asks of the model: to know facts, to behave a certain way, or both. */
public enum Need {
    @JsonProperty("knowledge") KNOWLEDGE,
    @JsonProperty("behavior") BEHAVIOR,
    @JsonProperty("both") BOTH
}
