package dev.finetuneadvisor.model;

/** How a gate, or one check of a gate, came out. */
public enum Status {
    PASS, FAIL, UNKNOWN, NOT_REACHED
}
