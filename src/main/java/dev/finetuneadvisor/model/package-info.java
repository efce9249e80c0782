/**
 * The fact model: the sections of a use case as a team describes it, the assumptions the rules read
 * (each with its {@link Provenance}: the article's, chosen within its range, or
 * assumed), the article's headings ({@link Article}), the facts the rules derive
 * (checks, gate findings and results, traffic, serving path, cost estimate, recommendations) and the
 * {@link Result} read back from a session, with the
 * {@link RangeCheck} of its verdict across the article's ranges when asked for.
 *
 * <p>Classes here hold values and nothing more: every threshold, judgement and explanation lives in
 * {@code rules/}. A {@code null} field is an unknown fact, never a default.
 */
package dev.finetuneadvisor.model;
