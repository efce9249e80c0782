package dev.finetuneadvisor.engine;

import java.io.Serial;
import java.util.List;

/** The rules directory could not be turned into a knowledge base; {@link #problems()} says where and why. */
public final class RulesInvalidException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public RulesInvalidException(List<RuleProblem> problems) {
        super(problems.size() + " problem(s) in the rules: " + (problems.isEmpty() ? "" : problems.get(0).describe()));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
