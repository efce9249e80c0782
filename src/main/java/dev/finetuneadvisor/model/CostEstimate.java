package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The yearly cost of staying on a frontier API versus fine-tuning, as the cost rules compute it.
 * Money is kept to the cent and the advantage to two decimals, so reports are stable byte for byte.
 * {@code assumed} and {@code chosenInRange} name the cost inputs the figures rest on that are not the
 * article's own numbers (see {@code rules/assumptions.yaml}) and that the use case did not give itself;
 * {@code organisationInputs} those an organisation's own assumptions file set, with the file and date.
 */
@JsonPropertyOrder({"frontierUsdPerYear", "fineTuneUsdPerYear", "fineTuneInferenceUsdPerYear", "advantage",
    "requiredAdvantage", "winsOnCost", "breaksEven", "frontierMayNotBeAllowed", "servingPath", "frontierUsdPerDay", "fineTuneInferenceUsdPerDay",
    "hostingUsdPerYear", "trainingUsdPerYear", "trainingTokensPerCycle", "engineeringUsdPerYear", "labelingUsd",
    "examplesToLabel", "callsPerYear", "callsPerMonth", "tokensPerCall", "tokensPerCallAssumed", "assumed", "chosenInRange", "organisationInputs"})
public final class CostEstimate {
    private double frontierUsdPerYear;
    private double fineTuneUsdPerYear;
    private double fineTuneInferenceUsdPerYear;
    private double advantage;
    private double requiredAdvantage;
    private boolean breaksEven;
    private boolean winsOnCost;
    private boolean frontierMayNotBeAllowed;
    private Serving.Path servingPath;
    private double trainingUsdPerYear;
    private long trainingTokensPerCycle;
    private double frontierUsdPerDay;
    private double fineTuneInferenceUsdPerDay;
    private double hostingUsdPerYear;
    private double engineeringUsdPerYear;
    private double labelingUsd;
    private long examplesToLabel;
    private long callsPerYear;
    private long callsPerMonth;
    private int tokensPerCall;
    private boolean tokensPerCallAssumed;
    private final List<String> inputs = new ArrayList<>();
    private List<String> unusedOverrides = List.of();
    private final List<Input> notTheArticles = new ArrayList<>();

    /**
     * A cost input the estimate read that is not the article's own number and that the use case did not give.
     *
     * @param name the input's name in {@code assumptions.yaml} and in a fact file's {@code costs:}
     * @param value the value the estimate used
     * @param provenance where the file's value comes from ({@code assumptions.yaml}'s entry)
     * @param organisation the organisation's entry when its assumptions file set the value; null when the value is the file's
     */
    public record Input(String name, double value, Provenance provenance, OrganisationCost organisation) {
    }

    /**
     * The value of a cost input (from {@code assumptions.yaml}, or the use case's own override), recording
     * that this estimate rests on it: the cost rules read every input through here, so the output can say
     * which of them are not the article's.
     */
    public double input(Assumptions assumptions, String name) {
        double value = assumptions.num(name);
        if (!inputs.contains(name)) {
            inputs.add(name);
            Provenance p = assumptions.provenance(name);
            OrganisationCost own = assumptions.organisationCost(name);
            // the organisation's value is not the article's number, whatever the file's source is
            if ((p.notTheArticles() || own != null) && !assumptions.isOverridden(name)) {
                notTheArticles.add(new Input(name, value, p, own));
            }
        }
        return value;
    }

    /**
     * The cost inputs the use case gave its own values for that this estimate did not read (a price for another
     * deployment path, say): shown so that a value a team relies on is never silently unused.
     */
    public List<String> getUnusedOverrides(Assumptions assumptions) {
        return assumptions.overridden().stream().filter(n -> !inputs.contains(n)).toList();
    }

    /** Set by the cost rules from {@link #getUnusedOverrides(Assumptions)}, once every input is read. */
    public void setUnusedOverrides(List<String> names) { this.unusedOverrides = List.copyOf(names); }

    /** The use case's own cost inputs this estimate did not use; absent from JSON when none. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> getUnusedOverrides() { return unusedOverrides; }

    /** The names of the cost inputs this estimate read, in the order first read. */
    @JsonIgnore
    public List<String> getInputs() { return List.copyOf(inputs); }

    /**
     * The inputs read that are not the article's numbers (assumed, chosen within an article range, or set by
     * the organisation's assumptions file) and that the use case did not give itself, in the order first read:
     * what the text report lists.
     */
    @JsonIgnore
    public List<Input> getNotTheArticles() { return List.copyOf(notTheArticles); }

    /** The names of the inputs read that are assumptions (not from the article) and not the use case's own. */
    public List<String> getAssumed() { return named(Provenance.Kind.ASSUMPTION); }

    /** The names of the inputs read that are chosen within a range the article gives, and not the use case's own. */
    public List<String> getChosenInRange() { return named(Provenance.Kind.RANGE); }

    /**
     * The inputs read whose value the organisation's assumptions file set (and the use case did not give), in
     * the order first read, each with the file and the date it was set; absent from JSON when none.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<OrganisationCost> getOrganisationInputs() {
        return notTheArticles.stream().map(Input::organisation).filter(o -> o != null).toList();
    }

    private List<String> named(Provenance.Kind kind) {
        return notTheArticles.stream().filter(i -> i.organisation() == null && i.provenance().kind() == kind).map(Input::name).toList();
    }

    private static double cents(double usd) {
        return Math.round(usd * 100.0) / 100.0;
    }

    public double getFrontierUsdPerYear() { return frontierUsdPerYear; }
    public void setFrontierUsdPerYear(double v) { this.frontierUsdPerYear = cents(v); }
    public double getFineTuneUsdPerYear() { return fineTuneUsdPerYear; }
    public void setFineTuneUsdPerYear(double v) { this.fineTuneUsdPerYear = cents(v); }
    public double getFineTuneInferenceUsdPerYear() { return fineTuneInferenceUsdPerYear; }
    public void setFineTuneInferenceUsdPerYear(double v) { this.fineTuneInferenceUsdPerYear = cents(v); }
    /** Frontier cost divided by fine-tuning TCO, to two decimals. */
    public double getAdvantage() { return advantage; }
    public void setAdvantage(double v) { this.advantage = cents(v); }
    public double getRequiredAdvantage() { return requiredAdvantage; }
    public void setRequiredAdvantage(double v) { this.requiredAdvantage = v; }
    /** True when the frontier API costs at least as much a year as owning the fine-tuned model (set by the cost rules). */
    public boolean isBreaksEven() { return breaksEven; }
    public void setBreaksEven(boolean v) { this.breaksEven = v; }
    /** True when fine-tuning wins on total cost of ownership by the required advantage (set by the cost rules). */
    public boolean isWinsOnCost() { return winsOnCost; }
    public void setWinsOnCost(boolean v) { this.winsOnCost = v; }
    /**
     * True when the data must stay private, so the frontier API the comparison prices may be one the team is
     * not allowed to use (set by the cost rules; reports say so rather than count it as money to keep).
     */
    public boolean isFrontierMayNotBeAllowed() { return frontierMayNotBeAllowed; }
    public void setFrontierMayNotBeAllowed(boolean v) { this.frontierMayNotBeAllowed = v; }
    /** The deployment path the costs are for: per-token inference, or GPU hosting for a self-served model. */
    public Serving.Path getServingPath() { return servingPath; }
    public void setServingPath(Serving.Path v) { this.servingPath = v; }
    /** Training compute a year: tokens per cycle x the training price x the cycles a year. */
    public double getTrainingUsdPerYear() { return trainingUsdPerYear; }
    public void setTrainingUsdPerYear(double v) { this.trainingUsdPerYear = cents(v); }
    /** Training tokens in one cycle: examples x tokens per example x epochs. */
    public long getTrainingTokensPerCycle() { return trainingTokensPerCycle; }
    public void setTrainingTokensPerCycle(long v) { this.trainingTokensPerCycle = v; }
    public double getFrontierUsdPerDay() { return frontierUsdPerDay; }
    public void setFrontierUsdPerDay(double v) { this.frontierUsdPerDay = cents(v); }
    public double getFineTuneInferenceUsdPerDay() { return fineTuneInferenceUsdPerDay; }
    public void setFineTuneInferenceUsdPerDay(double v) { this.fineTuneInferenceUsdPerDay = cents(v); }
    public double getHostingUsdPerYear() { return hostingUsdPerYear; }
    public void setHostingUsdPerYear(double v) { this.hostingUsdPerYear = cents(v); }
    public double getEngineeringUsdPerYear() { return engineeringUsdPerYear; }
    public void setEngineeringUsdPerYear(double v) { this.engineeringUsdPerYear = cents(v); }
    public double getLabelingUsd() { return labelingUsd; }
    public void setLabelingUsd(double v) { this.labelingUsd = cents(v); }
    public long getExamplesToLabel() { return examplesToLabel; }
    public void setExamplesToLabel(long v) { this.examplesToLabel = v; }
    public long getCallsPerYear() { return callsPerYear; }
    public void setCallsPerYear(long v) { this.callsPerYear = v; }
    public long getCallsPerMonth() { return callsPerMonth; }
    public void setCallsPerMonth(long v) { this.callsPerMonth = v; }
    public int getTokensPerCall() { return tokensPerCall; }
    public void setTokensPerCall(int v) { this.tokensPerCall = v; }
    public boolean isTokensPerCallAssumed() { return tokensPerCallAssumed; }
    public void setTokensPerCallAssumed(boolean v) { this.tokensPerCallAssumed = v; }
}
