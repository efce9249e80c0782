/**
 * The engine: builds one KieBase from a rules directory (compile problems come back as data), reads the
 * assumptions file, evaluates one use case per KieSession and reads the {@link dev.finetuneadvisor.model.Result}
 * back. No decision logic lives here; it only runs what {@code rules/} says.
 */
package dev.finetuneadvisor.engine;
