package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.io.FactFileSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code advisor schema}: the JSON Schema of fact files for the rules in use, for editors to complete and check with. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema (draft 2020-12) of fact files for the rules in use: every field with what it means, its unit,"
                + " range and the gates that read it, the allowed choices, and the cost inputs a use case may set under costs:.",
            "Point an editor at it with the first line '# yaml-language-server: $schema=<path to the schema>' of a fact file;"
                + " docs/fact-file.schema.json is the schema of the shipped rules."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:The schema was printed (or written).",
            "2:Usage error.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "7:The schema could not be written to FILE."})
public final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the schema to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Advisor advisor = rules.advisor(err);
        if (advisor == null) {
            return ExitCodes.RULES_INVALID;
        }
        // the cost inputs the fact readers of this advisor accept: the schema lists the same set
        String schema = FactFileSchema.text(advisor.rules().fields(), advisor.rules().assumptions(), advisor.costInputs());
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(schema);
            out.flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(output, schema, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("error: cannot write the schema to " + output + ": " + reason(e));
            err.flush();
            return ExitCodes.OUTPUT_FAILED;
        }
        return ExitCodes.OK;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : String.valueOf(e.getMessage());
    }
}
