package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The training data the team has for fine-tuning. */
@JsonClassDescription("The training data the team has for fine-tuning.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"labeledExamples", "humanReviewed", "noiseRate", "source", "syntheticTeacher"})
public class Data extends Section {
    private Integer labeledExamples;
    private Boolean humanReviewed;
    private Double noiseRate;
    private DataSource source;
    private String syntheticTeacher;

    public Integer getLabeledExamples() { return labeledExamples; }
    public void setLabeledExamples(Integer v) { this.labeledExamples = count("labeledExamples", v); }
    public Boolean getHumanReviewed() { return humanReviewed; }
    public void setHumanReviewed(Boolean humanReviewed) { this.humanReviewed = humanReviewed; }
    public Double getNoiseRate() { return noiseRate; }
    public void setNoiseRate(Double v) { this.noiseRate = fraction("noiseRate", v); }
    public DataSource getSource() { return source; }
    public void setSource(DataSource source) { this.source = source; }
    public String getSyntheticTeacher() { return syntheticTeacher; }
    public void setSyntheticTeacher(String syntheticTeacher) { this.syntheticTeacher = syntheticTeacher; }
}
