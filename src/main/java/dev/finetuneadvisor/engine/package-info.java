/**
 * The engine: builds one KieBase from a rules directory (compile problems come back as data), reads the
 * assumptions file, the article file (its headings, which every rule's {@code @section} cites) and the
 * catalogue of fact fields ({@link FieldsFile}), evaluates one use case per
 * KieSession and reads the {@link dev.finetuneadvisor.model.Result} back. No decision logic lives here; it
 * only runs what {@code rules/} says.
 * {@link Counterfactuals}, {@link Sensitivity} and
 * {@link ArticleRanges} (the verdict at both ends of the article's ranges) search by
 * running the same rules on changed copies of a use case ({@link FactField}
 * knows the fields' paths and grids, never their thresholds).
 */
package dev.finetuneadvisor.engine;
