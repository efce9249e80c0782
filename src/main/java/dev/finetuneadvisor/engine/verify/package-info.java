/**
 * Whole-input-space verification: the fact space at its boundaries, the invariants the rules must keep, and
 * the space diff between two rule sets.
 */
package dev.finetuneadvisor.engine.verify;
