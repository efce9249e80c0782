package dev.finetuneadvisor.model;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What is known about the terms of service of a family of models that can generate synthetic training
 * data: who owns it, a pattern matching its model names (whole name, case-insensitive), the terms the
 * article states for it (null when it states none), and one model name the pattern matches (the value the
 * whole-space check gives {@code data.syntheticTeacher} for this row). Declared as data in the rules, not in Java.
 */
public final class GeneratorTerms implements TextExample {
    /** The rows are inserted in every session; their patterns are compiled once. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private final String owner;
    private final Pattern names;
    private final String terms;
    private final String example;

    /**
     * @throws IllegalArgumentException when the pattern does not match its own example (a row written wrongly)
     */
    public GeneratorTerms(String owner, String namesRegex, String terms, String example) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.names = COMPILED.computeIfAbsent(Objects.requireNonNull(namesRegex, "namesRegex"),
                r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE));
        this.terms = terms;
        this.example = Objects.requireNonNull(example, "example");
        if (!covers(example)) {
            throw new IllegalArgumentException("the row of " + owner + " does not match its own example '" + example + "'");
        }
    }

    public String getOwner() { return owner; }
    public String getTerms() { return terms; }

    @Override
    public String getExampleField() { return "data.syntheticTeacher"; }

    @Override
    public String getExample() { return example; }

    /** True when {@code model} (a name as written in a fact file) is one of this family's models. */
    public boolean covers(String model) {
        return model != null && names.matcher(model.strip()).matches();
    }
}
