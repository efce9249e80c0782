package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The evaluation harness: golden dataset, scoring pipeline and baseline. */
@JsonClassDescription("The evaluation harness: golden dataset, scoring pipeline and baseline.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"goldenExamples", "humanRated", "automatedPipeline", "baselineRecorded", "baselineScore"})
public class Evals extends Section {
    private Integer goldenExamples;
    private Boolean humanRated;
    private Boolean automatedPipeline;
    private Boolean baselineRecorded;
    private Double baselineScore;

    public Integer getGoldenExamples() { return goldenExamples; }
    public void setGoldenExamples(Integer v) { this.goldenExamples = count("goldenExamples", v); }
    public Boolean getHumanRated() { return humanRated; }
    public void setHumanRated(Boolean humanRated) { this.humanRated = humanRated; }
    public Boolean getAutomatedPipeline() { return automatedPipeline; }
    public void setAutomatedPipeline(Boolean automatedPipeline) { this.automatedPipeline = automatedPipeline; }
    public Boolean getBaselineRecorded() { return baselineRecorded; }
    public void setBaselineRecorded(Boolean baselineRecorded) { this.baselineRecorded = baselineRecorded; }
    public Double getBaselineScore() { return baselineScore; }
    public void setBaselineScore(Double v) { this.baselineScore = fraction("baselineScore", v); }
}
