/**
 * Input and output: fact files (YAML, JSON; single use cases and portfolios) read strictly into the model
 * with file, line and field for every error, scenario files, and the report writers
 * (advise: text and JSON; sensitivity: table and JSON; check: SARIF; diff: Markdown for a pull request).
 */
package dev.finetuneadvisor.io;
