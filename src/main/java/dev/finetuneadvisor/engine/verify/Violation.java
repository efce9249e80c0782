package dev.finetuneadvisor.engine.verify;

/**
 * A use case that breaks an invariant, made as small as still breaks it.
 *
 * @param invariant the invariant's name
 * @param what what is wrong, one sentence
 * @param counterexample the smallest case found that still breaks it
 * @param foundIn the case of the space it was found in
 * @param field for a monotone invariant: the field moved; else null
 * @param to for a monotone invariant: the value it moved to; else null
 */
public record Violation(String invariant, String what, SpaceCase counterexample, SpaceCase foundIn, String field, Object to) {
}
