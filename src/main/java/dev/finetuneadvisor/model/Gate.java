package dev.finetuneadvisor.model;

import java.util.Objects;

/** One gate of the decision framework, as declared in the rules: its place in the order and its name. */
public final class Gate {
    private final int number;
    private final String name;
    private final Combine combine;
    private final String question;

    public Gate(int number, String name, Combine combine, String question) {
        this.number = number;
        this.name = Objects.requireNonNull(name, "name");
        this.combine = Objects.requireNonNull(combine, "combine");
        this.question = Objects.requireNonNull(question, "question");
    }

    public int getNumber() { return number; }
    public String getName() { return name; }
    public Combine getCombine() { return combine; }
    public String getQuestion() { return question; }
}
