/**
 * The {@code advisor} command line: one picocli class per subcommand, wiring only. Exit codes are the
 * named constants of {@link ExitCodes}.
 */
package dev.finetuneadvisor.cli;
