package dev.finetuneadvisor.model;

import java.util.Objects;

/**
 * Words the explanation rules ({@code rules/explain/}) write about something: a {@link Change} or a
 * {@link Counterfactual}. A counterfactual's explanation is its wordings in {@code rank} order, joined
 * by a space.
 */
public final class Wording {
    private final Object subject;
    private final int rank;
    private final String text;

    public Wording(Object subject, int rank, String text) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.rank = rank;
        this.text = Objects.requireNonNull(text, "text");
    }

    public Object getSubject() { return subject; }
    public int getRank() { return rank; }
    public String getText() { return text; }
}
