package dev.finetuneadvisor.model;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What is known about the terms of service of a family of models that can generate synthetic training
 * data: who owns it, a pattern matching its model names (whole name, case-insensitive), and the terms the
 * article states for it (null when it states none). Declared as data in the rules, not in Java.
 */
public final class GeneratorTerms {
    /** The rows are inserted in every session; their patterns are compiled once. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private final String owner;
    private final Pattern names;
    private final String terms;

    public GeneratorTerms(String owner, String namesRegex, String terms) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.names = COMPILED.computeIfAbsent(Objects.requireNonNull(namesRegex, "namesRegex"),
                r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE));
        this.terms = terms;
    }

    public String getOwner() { return owner; }
    public String getTerms() { return terms; }

    /** True when {@code model} (a name as written in a fact file) is one of this family's models. */
    public boolean covers(String model) {
        return model != null && names.matcher(model.strip()).matches();
    }
}
