package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The current prompt: how much work has gone into it. */
@JsonClassDescription("The current prompt: how much work has gone into it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"engineered", "fewShot", "structuredOutput", "systemPromptTokens"})
public class Prompt extends Section {
    private Boolean engineered;
    private Boolean fewShot;
    private Boolean structuredOutput;
    private Integer systemPromptTokens;

    public Boolean getEngineered() { return engineered; }
    public void setEngineered(Boolean engineered) { this.engineered = engineered; }
    public Boolean getFewShot() { return fewShot; }
    public void setFewShot(Boolean fewShot) { this.fewShot = fewShot; }
    public Boolean getStructuredOutput() { return structuredOutput; }
    public void setStructuredOutput(Boolean structuredOutput) { this.structuredOutput = structuredOutput; }
    public Integer getSystemPromptTokens() { return systemPromptTokens; }
    public void setSystemPromptTokens(Integer v) { this.systemPromptTokens = count("systemPromptTokens", v); }
}
