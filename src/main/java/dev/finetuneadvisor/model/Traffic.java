package dev.finetuneadvisor.model;

/** Calls per year, month and day derived from the volume section, with the tokens per call used. */
public final class Traffic {
    private final long callsPerYear;
    private final long callsPerMonth;
    private final double callsPerDay;
    private final int tokensPerCall;
    private final boolean tokensPerCallAssumed;

    public Traffic(long callsPerYear, long callsPerMonth, double callsPerDay, int tokensPerCall, boolean tokensPerCallAssumed) {
        this.callsPerYear = callsPerYear;
        this.callsPerMonth = callsPerMonth;
        this.callsPerDay = callsPerDay;
        this.tokensPerCall = tokensPerCall;
        this.tokensPerCallAssumed = tokensPerCallAssumed;
    }

    public long getCallsPerYear() { return callsPerYear; }
    public long getCallsPerMonth() { return callsPerMonth; }
    public double getCallsPerDay() { return callsPerDay; }
    public int getTokensPerCall() { return tokensPerCall; }
    public boolean isTokensPerCallAssumed() { return tokensPerCallAssumed; }
}
