package dev.finetuneadvisor.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.Expectation;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Status;
import dev.finetuneadvisor.model.UseCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads scenario files: YAML files below a tests directory, each with a {@code description}, the use
 * case ({@code useCase:} inline, or {@code facts:} a fact file path relative to the scenario, with
 * {@code id:} to pick one from a portfolio), {@code expect:} (verdict, gates, codes, absent, count, mentions, doesNotMention, unchanged, rangesHold, invariants; see
 * {@link Expectation}) and optionally
 * {@code whyNot:}, the code its counterfactuals aim at.
 */
public final class ScenarioReader {
    /** Scenario files end in .yaml; snapshot files beside them end in .snapshot.json and are not scenarios. */
    public static final String ENDING = ".yaml";

    private final ObjectMapper yaml = FactFormat.yaml();
    private final CostKeys costKeys;
    private final FactReader facts;

    /** @param costKeys the names a use case's {@code costs:} section may use ({@link dev.finetuneadvisor.model.Assumptions#costKeys()}) */
    public ScenarioReader(CostKeys costKeys) {
        this.costKeys = Objects.requireNonNull(costKeys, "costKeys");
        this.facts = new FactReader(costKeys);
    }

    /** The shape of a scenario file, bound strictly. */
    static final class File {
        @JsonProperty public String description;
        @JsonProperty public String facts;
        @JsonProperty public String id;
        @JsonProperty public UseCase useCase;
        @JsonProperty public Expect expect;
        @JsonProperty public String whyNot;
    }

    /** The {@code expect:} section. */
    static final class Expect {
        @JsonProperty public String verdict;
        @JsonProperty public Map<String, Status> gates;
        @JsonProperty public List<String> codes;
        @JsonProperty public List<String> absent;
        @JsonProperty public Map<String, Integer> count;
        @JsonProperty public Map<String, List<String>> mentions;
        @JsonProperty public Map<String, List<String>> doesNotMention;
        @JsonProperty public List<String> unchanged;
        @JsonProperty public Boolean rangesHold;
        @JsonProperty public Map<String, InvariantExpect> invariants;
    }

    /** One entry of {@code expect: invariants:}: an invariant's name, with {@code to:} for a monotone one. */
    static final class InvariantExpect {
        @JsonProperty public Double to;
    }

    /** Every scenario file below {@code dir} (sorted), read; problems go to {@code errors}. */
    public List<Scenario> readAll(Path dir, List<InputError> errors) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : files(dir, errors)) {
            Scenario s = read(file, errors);
            if (s != null) {
                scenarios.add(s);
            }
        }
        return scenarios;
    }

    /** The scenario files below a directory, sorted. */
    public static List<Path> files(Path dir, List<InputError> errors) {
        if (!Files.isDirectory(dir)) {
            errors.add(new InputError(FactReader.show(dir), 0, 0, null, null, "no such tests directory"));
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(ENDING)).sorted().toList();
        } catch (IOException e) {
            errors.add(new InputError(FactReader.show(dir), 0, 0, null, null, "cannot read: " + e.getMessage()));
            return List.of();
        }
    }

    /** One scenario file, or null with the problem added to {@code errors}. */
    public Scenario read(Path file, List<InputError> errors) {
        String shown = FactReader.show(file);
        File f;
        try {
            f = yaml.readerFor(File.class).withAttribute(FactFormat.COST_KEYS, costKeys).readValue(file.toFile());
        } catch (FactProblems e) {
            errors.addAll(e.errors(shown, "useCase."));   // every mistake of the inline use case
            return null;
        } catch (IOException e) {
            errors.add(InputErrors.of(shown, null, e, null));
            return null;
        }
        if (f == null) {
            errors.add(new InputError(shown, 1, 1, null, null, "empty scenario: give description, useCase or facts, and expect"));
            return null;
        }
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        FactReader.Loaded loaded;
        if ((f.useCase == null) == (f.facts == null)) {
            errors.add(new InputError(shown, 1, 1, "useCase", null, "give the use case either inline (useCase:) or as a fact file (facts:), not both or neither"));
            return null;
        }
        if (f.useCase != null) {
            if (f.useCase.getId() == null) {
                f.useCase.setId(name);
            }
            loaded = new FactReader.Loaded(f.useCase, shown, 1);
        } else {
            loaded = fromFactFile(file, f, shown, errors);
            if (loaded == null) {
                return null;
            }
        }
        Expect e = f.expect == null ? new Expect() : f.expect;
        Map<String, Double> invariants = null;
        if (e.invariants != null) {
            invariants = new TreeMap<>();
            for (Map.Entry<String, InvariantExpect> i : e.invariants.entrySet()) {
                invariants.put(i.getKey(), i.getValue() == null ? null : i.getValue().to);
            }
        }
        Expectation expectation = new Expectation(e.verdict, e.gates, e.codes, e.absent, e.count, e.mentions, e.doesNotMention, e.unchanged,
                e.rangesHold, invariants);
        return new Scenario(shown, name, f.description == null ? "" : f.description, loaded, expectation, f.whyNot);
    }

    private FactReader.Loaded fromFactFile(Path scenario, File f, String shown, List<InputError> errors) {
        Path factFile = scenario.getParent() == null ? Path.of(f.facts) : scenario.getParent().resolve(f.facts);
        List<FactReader.Loaded> found = new ArrayList<>();
        List<InputError> problems = new ArrayList<>();
        facts.readFile(factFile, found::add, problems::add);
        if (!Files.isRegularFile(factFile)) {
            errors.add(new InputError(shown, 1, 1, "facts", null, "no such fact file: " + FactReader.show(factFile)));
            return null;
        }
        errors.addAll(problems);
        List<FactReader.Loaded> picked = f.id == null ? found : found.stream().filter(c -> f.id.equals(c.useCase().getId())).toList();
        if (picked.size() != 1) {
            errors.add(new InputError(shown, 1, 1, f.id == null ? "facts" : "id", null, f.id == null
                    ? FactReader.show(factFile) + " holds " + found.size() + " use cases; name one with id:"
                    : "no use case with id '" + f.id + "' in " + FactReader.show(factFile)));
            return null;
        }
        return picked.get(0);
    }
}
