package dev.finetuneadvisor.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/authoring-rules.md documents what a rule author works with: the facts a rule can match, the
 * Assumptions API and the scenario file format. A property, method or key added in Java without a word on
 * the page, or a model class a rule starts to match without a table, fails here.
 */
class AuthoringRulesPageTest {
    private static final Path PAGE = Path.of("docs/authoring-rules.md");

    /** The fact classes the page documents, each with a table row of its own (UseCase with a paragraph). */
    private static final List<Class<?>> FACTS = List.of(UseCase.class, Task.class, Prompt.class, Data.class, Volume.class,
            Latency.class, Evals.class, Deployment.class, Gate.class, Check.class, GateFinding.class, GateResult.class,
            FineTunePrepWaits.class, Traffic.class, ServingReason.class, Serving.class, CostEstimate.class, Recommendation.class,
            GeneratorTerms.class, Counterfactual.class, Change.class, TaskFact.class, Wording.class);

    /** A class name followed by "(": a pattern, a {@code new}, or an accumulate source in DRL. */
    private static final Pattern TYPE_USE = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)\\s*\\(");

    @Test
    void every_model_class_a_rule_matches_or_creates_has_a_table() throws Exception {
        // Given the model classes named as patterns or constructed in rules/
        Set<String> used = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(Path.of("rules"))) {
            for (Path drl : walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                for (String line : Files.readAllLines(drl)) {
                    Matcher m = TYPE_USE.matcher(line.replaceFirst("//.*", ""));
                    while (m.find()) {
                        if (modelClass(m.group(1)) && !m.group(1).equals("Assumptions")) {
                            used.add(m.group(1));
                        }
                    }
                }
            }
        }
        // Then each is one the page documents (Assumptions has a section of its own)
        Set<String> documented = new TreeSet<>(FACTS.stream().map(Class::getSimpleName).toList());
        List<String> missing = used.stream().filter(c -> !documented.contains(c)).toList();
        assertTrue(missing.isEmpty(), "rules match or create " + missing + ", which 'The facts a rule can match' does not document");
        assertTrue(used.containsAll(Set.of("Task", "Check", "CostEstimate", "Change")), "the scan found " + used);
    }

    @Test
    void every_property_of_a_fact_class_is_named_in_its_rows() throws Exception {
        // Given the page's section on facts
        String facts = section(Files.readString(PAGE), "## The facts a rule can match");
        List<String> missing = new ArrayList<>();
        for (Class<?> type : FACTS) {
            // When the rows of each class are read
            String rows = rowsOf(facts, type.getSimpleName());
            assertTrue(!rows.isEmpty(), type.getSimpleName() + " has no rows or paragraph on the page");
            // Then every property it offers a rule is named there
            for (String property : properties(type)) {
                if (!rows.contains("`" + property + "`") && !rows.contains("`" + property + "(")) {
                    missing.add(type.getSimpleName() + "." + property);
                }
            }
        }
        assertTrue(facts.contains("`isUnknown(\"field\")`"), "the sections' isUnknown is not documented");
        assertTrue(missing.isEmpty(), "docs/authoring-rules.md does not name " + missing);
    }

    @Test
    void every_public_method_of_assumptions_is_in_its_table() throws Exception {
        // Given the page's section on the Assumptions API
        String api = section(Files.readString(PAGE), "## The `Assumptions` API");
        // Then every public method a rule could call is named there
        List<String> missing = Stream.of(Assumptions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).distinct().filter(n -> !api.contains("`" + n + "(")).sorted().toList();
        assertTrue(missing.isEmpty(), "the Assumptions API section does not name " + missing);
    }

    @Test
    void every_key_of_a_scenario_file_is_documented() throws Exception {
        // Given the page's section on scenario files and the keys the scenario reader binds
        String scenarios = section(Files.readString(PAGE), "## Scenario files");
        List<String> keys = new ArrayList<>();
        for (String shape : List.of("dev.finetuneadvisor.io.ScenarioReader$File", "dev.finetuneadvisor.io.ScenarioReader$Expect")) {
            for (Field f : Class.forName(shape).getDeclaredFields()) {
                keys.add(f.getName());
            }
        }
        // Then each key is named in code
        List<String> missing = keys.stream().filter(k -> !scenarios.contains("`" + k + "`")).toList();
        assertTrue(keys.containsAll(List.of("useCase", "whyNot", "rangesHold")), "the reader binds " + keys);
        assertTrue(missing.isEmpty(), "'Scenario files' does not name " + missing);
    }

    /** A getter's property name as Drools reads it: {@code P95BudgetMs} gives {@code p95BudgetMs}. */
    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean modelClass(String name) {
        try {
            Class.forName(AuthoringRulesPageTest.class.getPackageName() + "." + name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The text under a {@code ##} heading, up to the next one. */
    private static String section(String page, String heading) {
        int from = page.indexOf("\n" + heading + "\n");
        assertTrue(from >= 0, "the page has no section " + heading);
        int to = page.indexOf("\n## ", from + 1);
        return page.substring(from, to < 0 ? page.length() : to);
    }

    /**
     * A class's table rows: the row that starts with its name and the continuation rows ({@code | |}) under it;
     * for a class with no row (UseCase), the paragraphs that name it.
     */
    private static String rowsOf(String text, String name) {
        StringBuilder rows = new StringBuilder();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("| `" + name + "`")) {
                in = true;
            } else if (!line.startsWith("| |")) {
                in = false;
            }
            if (in) {
                rows.append(line).append('\n');
            }
        }
        if (rows.length() == 0) {
            for (String paragraph : text.split("\n\n")) {
                if (paragraph.contains("`" + name + "`") && !paragraph.startsWith("|")) {
                    rows.append(paragraph).append('\n');
                }
            }
        }
        return rows.toString();
    }

    /** What a rule can read of a fact: its getters as properties, or a record's components. */
    private static Set<String> properties(Class<?> type) {
        Set<String> names = new TreeSet<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                names.add(c.getName());
            }
            return names;
        }
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.getParameterCount() > 0 || Modifier.isStatic(m.getModifiers())
                    || m.getReturnType() == void.class) {
                continue;
            }
            String n = m.getName();
            if (n.startsWith("get") && n.length() > 3) {
                names.add(decapitalize(n.substring(3)));
            } else if (n.startsWith("is") && n.length() > 2) {
                names.add(decapitalize(n.substring(2)));
            }
        }
        return names;
    }
}
