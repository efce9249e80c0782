package dev.finetuneadvisor.model;

/** How a gate combines its checks: every condition must hold (ALL), or any one suffices (ANY). */
public enum Combine {
    ALL, ANY
}
