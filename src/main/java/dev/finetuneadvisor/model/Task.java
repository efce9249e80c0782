package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The task: what is asked of the model and how settled it is. */
@JsonClassDescription("The task: what is asked of the model and how settled it is.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"need", "kind", "narrow", "stable", "wellDefined", "generalReasoning",
    "knowledgeUpdatesPerYear", "needsCitations", "expectsFewerHallucinations"})
public class Task extends Section {
    private Need need;
    private TaskKind kind;
    private Boolean narrow;
    private Boolean stable;
    private Boolean wellDefined;
    private Boolean generalReasoning;
    private Integer knowledgeUpdatesPerYear;
    private Boolean needsCitations;
    private Boolean expectsFewerHallucinations;

    public Need getNeed() { return need; }
    public void setNeed(Need need) { this.need = need; }
    public TaskKind getKind() { return kind; }
    public void setKind(TaskKind kind) { this.kind = kind; }
    public Boolean getNarrow() { return narrow; }
    public void setNarrow(Boolean narrow) { this.narrow = narrow; }
    public Boolean getStable() { return stable; }
    public void setStable(Boolean stable) { this.stable = stable; }
    public Boolean getWellDefined() { return wellDefined; }
    public void setWellDefined(Boolean wellDefined) { this.wellDefined = wellDefined; }
    public Boolean getGeneralReasoning() { return generalReasoning; }
    public void setGeneralReasoning(Boolean generalReasoning) { this.generalReasoning = generalReasoning; }
    public Integer getKnowledgeUpdatesPerYear() { return knowledgeUpdatesPerYear; }
    public void setKnowledgeUpdatesPerYear(Integer v) { this.knowledgeUpdatesPerYear = count("knowledgeUpdatesPerYear", v); }
    public Boolean getNeedsCitations() { return needsCitations; }
    public void setNeedsCitations(Boolean needsCitations) { this.needsCitations = needsCitations; }
    public Boolean getExpectsFewerHallucinations() { return expectsFewerHallucinations; }
    public void setExpectsFewerHallucinations(Boolean v) { this.expectsFewerHallucinations = v; }
}
