package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the training examples come from. */
public enum DataSource {
    @JsonProperty("human") HUMAN,
    @JsonProperty("logs") LOGS,
    @JsonProperty("synthetic") SYNTHETIC
}
