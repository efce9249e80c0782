package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Inference traffic: calls per day or per month (a 30-day month), and tokens per call. */
@JsonClassDescription("Inference traffic: calls a day or a (30-day) month, and tokens a call.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"callsPerDay", "callsPerMonth", "tokensPerCall"})
public class Volume extends Section {
    // Upper bounds far above any deployment (100 billion calls a day, 10 million tokens a call), so that
    // calls a year and the yearly costs stay exact: beyond them a long overflows and a cost turns negative.
    public static final long MAX_CALLS_PER_DAY = 100_000_000_000L;
    public static final long MAX_CALLS_PER_MONTH = 30 * MAX_CALLS_PER_DAY;
    public static final int MAX_TOKENS_PER_CALL = 10_000_000;

    /** The bound of a volume field by its path in fact files ({@code volume.callsPerDay}), or null when it has none. */
    public static Long maxOf(String path) {
        return switch (path == null ? "" : path) {
            case "volume.callsPerDay" -> MAX_CALLS_PER_DAY;
            case "volume.callsPerMonth" -> MAX_CALLS_PER_MONTH;
            case "volume.tokensPerCall" -> (long) MAX_TOKENS_PER_CALL;
            default -> null;
        };
    }

    private Long callsPerDay;
    private Long callsPerMonth;
    private Integer tokensPerCall;

    public Long getCallsPerDay() { return callsPerDay; }
    public void setCallsPerDay(Long v) {
        this.callsPerDay = count("callsPerDay", v, MAX_CALLS_PER_DAY);
        onlyOneRate();
    }
    public Long getCallsPerMonth() { return callsPerMonth; }
    public void setCallsPerMonth(Long v) {
        this.callsPerMonth = count("callsPerMonth", v, MAX_CALLS_PER_MONTH);
        onlyOneRate();
    }
    private void onlyOneRate() {
        if (callsPerDay != null && callsPerMonth != null) {
            throw new IllegalArgumentException("give callsPerDay or callsPerMonth, not both");
        }
    }

    public Integer getTokensPerCall() { return tokensPerCall; }
    public void setTokensPerCall(Integer v) { this.tokensPerCall = count("tokensPerCall", v, MAX_TOKENS_PER_CALL); }
}
