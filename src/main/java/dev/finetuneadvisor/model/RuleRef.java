package dev.finetuneadvisor.model;

import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/** The rule that drew a conclusion: its id and the article section it cites, from its metadata. */
public record RuleRef(String id, String name, String section) {

    /** The rule now firing, as seen through the {@code drools} variable of a consequence. */
    public static RuleRef of(RuleContext drools) {
        return of(drools.getRule());
    }

    public static RuleRef of(Rule rule) {
        Map<String, Object> meta = rule.getMetaData();
        return new RuleRef(text(meta.get("id"), rule.getName()), rule.getName(), text(meta.get("section"), ""));
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
