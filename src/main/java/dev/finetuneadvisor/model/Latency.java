package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The latency the product needs (p95, milliseconds) and what a frontier API call measures today. */
@JsonClassDescription("The latency the product needs (p95, milliseconds) and what a frontier API call measures today.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"p95BudgetMs", "frontierP95Ms"})
public class Latency extends Section {
    private Integer p95BudgetMs;
    private Integer frontierP95Ms;

    public Integer getP95BudgetMs() { return p95BudgetMs; }
    public void setP95BudgetMs(Integer v) { this.p95BudgetMs = count("p95BudgetMs", v); }
    public Integer getFrontierP95Ms() { return frontierP95Ms; }
    public void setFrontierP95Ms(Integer v) { this.frontierP95Ms = count("frontierP95Ms", v); }
}
