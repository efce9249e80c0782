package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.Expectation;

/**
 * A regression scenario from {@code tests/}: a use case (inline or from a fact file) and what the rules
 * must conclude for it.
 *
 * @param file the scenario file, as shown in reports
 * @param name the scenario's name: its file name without the ending
 * @param description what situation it describes and why the expected outcome follows
 * @param useCase the use case to evaluate
 * @param expect what must come out
 * @param whyNot the code its counterfactuals aim at, or null for the default (FINE_TUNE unless already reached)
 */
public record Scenario(String file, String name, String description, FactReader.Loaded useCase, Expectation expect,
                       String whyNot) {
}
