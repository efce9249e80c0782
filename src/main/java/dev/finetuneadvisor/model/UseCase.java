package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * One use case as a team describes it in a fact file. Every section is always present (empty when the
 * file leaves it out) so that rules can match a section and ask which of its fields are unknown.
 */
@JsonClassDescription("One use case as a team describes it. Every field is optional: an absent field, or null, is unknown.")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "title", "task", "prompt", "data", "volume", "latency", "evals", "deployment", "costs"})
public class UseCase {
    private String id;
    private String title;
    private Task task = new Task();
    private Prompt prompt = new Prompt();
    private Data data = new Data();
    private Volume volume = new Volume();
    private Latency latency = new Latency();
    private Evals evals = new Evals();
    private Deployment deployment = new Deployment();
    private Map<String, Double> costs = new TreeMap<>();

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public Task getTask() { return task; }
    public void setTask(Task task) { this.task = task == null ? new Task() : task; }
    public Prompt getPrompt() { return prompt; }
    public void setPrompt(Prompt prompt) { this.prompt = prompt == null ? new Prompt() : prompt; }
    public Data getData() { return data; }
    public void setData(Data data) { this.data = data == null ? new Data() : data; }
    public Volume getVolume() { return volume; }
    public void setVolume(Volume volume) { this.volume = volume == null ? new Volume() : volume; }
    public Latency getLatency() { return latency; }
    public void setLatency(Latency latency) { this.latency = latency == null ? new Latency() : latency; }
    public Evals getEvals() { return evals; }
    public void setEvals(Evals evals) { this.evals = evals == null ? new Evals() : evals; }
    public Deployment getDeployment() { return deployment; }
    public void setDeployment(Deployment d) { this.deployment = d == null ? new Deployment() : d; }

    /** Cost inputs that override the assumptions file for this use case only. */
    public Map<String, Double> getCosts() { return costs; }
    public void setCosts(CostOverrides costs) { this.costs = costs == null ? new TreeMap<>() : new TreeMap<>(costs.values()); }

    /** The sections, in the order a session receives them. */
    public Section[] sections() {
        return new Section[] {task, prompt, data, volume, latency, evals, deployment};
    }
}
