package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where and how a model would run in production. */
@JsonClassDescription("Where and how a model would run in production.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"privacyRequired", "servingInfrastructure", "guardrails", "observability"})
public class Deployment extends Section {
    private Boolean privacyRequired;
    private Boolean servingInfrastructure;
    private Boolean guardrails;
    private Boolean observability;

    public Boolean getPrivacyRequired() { return privacyRequired; }
    public void setPrivacyRequired(Boolean privacyRequired) { this.privacyRequired = privacyRequired; }
    public Boolean getServingInfrastructure() { return servingInfrastructure; }
    public void setServingInfrastructure(Boolean v) { this.servingInfrastructure = v; }
    public Boolean getGuardrails() { return guardrails; }
    public void setGuardrails(Boolean guardrails) { this.guardrails = guardrails; }
    public Boolean getObservability() { return observability; }
    public void setObservability(Boolean observability) { this.observability = observability; }
}
