package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.Check;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldSpec;
import java.util.Collection;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The run-time half of the field contract: a {@link Check} names the fact field it judges, and that name
 * drives the explanation and the counterfactual search. A name the catalogue of fact fields does not have
 * (built at run time, as {@code "data." + $field} is) would be silently passed over there, so it stops the
 * evaluation instead, naming the rule and the field. {@code advisor check} finds the literal ones before any run.
 */
final class CheckFields {
    private CheckFields() {
    }

    /** @throws EvaluationException naming the first check (by rule, then field) whose field the catalogue does not have */
    static void requireCatalogued(Collection<Check> checks, FieldCatalogue catalogue) {
        if (catalogue == null) {
            return;
        }
        checks.stream()
                .filter(c -> catalogue.get(c.getField()) == null)
                .min(Comparator.comparing((Check c) -> String.valueOf(c.getRule())).thenComparing(Check::getField))
                .ifPresent(c -> {
                    TreeSet<String> paths = new TreeSet<>();
                    catalogue.fields().stream().map(FieldSpec::path).forEach(paths::add);
                    throw new EvaluationException(EvaluationException.Kind.FIELD, "rule " + c.getRule() + " checks field '" + c.getField() + "', which "
                            + FieldsFile.NAME + " does not declare; did you mean '" + EditDistance.closest(c.getField(), paths) + "'?");
                });
    }
}
