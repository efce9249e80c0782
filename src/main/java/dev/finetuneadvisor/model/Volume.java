package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Inference traffic: calls per day or per month (a 30-day month), and tokens per call. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"callsPerDay", "callsPerMonth", "tokensPerCall"})
public class Volume extends Section {
    private Long callsPerDay;
    private Long callsPerMonth;
    private Integer tokensPerCall;

    public Long getCallsPerDay() { return callsPerDay; }
    public void setCallsPerDay(Long v) {
        this.callsPerDay = count("callsPerDay", v);
        onlyOneRate();
    }
    public Long getCallsPerMonth() { return callsPerMonth; }
    public void setCallsPerMonth(Long v) {
        this.callsPerMonth = count("callsPerMonth", v);
        onlyOneRate();
    }
    private void onlyOneRate() {
        if (callsPerDay != null && callsPerMonth != null) {
            throw new IllegalArgumentException("give callsPerDay or callsPerMonth, not both");
        }
    }

    public Integer getTokensPerCall() { return tokensPerCall; }
    public void setTokensPerCall(Integer v) { this.tokensPerCall = count("tokensPerCall", v); }
}
