package dev.finetuneadvisor.io;

import dev.finetuneadvisor.model.Fmt;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Sweep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sweeps as a small table per use case (text), or {@code {"sensitivity":[...],"errors":[...]}} (JSON). */
public final class SensitivityWriter {
    private SensitivityWriter() {
    }

    public static void text(List<Sweep> sweeps, PrintWriter out) {
        for (Sweep s : sweeps) {
            out.println("== " + s.id());
            out.println("   " + s.file());
            String field = s.field() + " (now " + Fmt.value(s.current()) + ")";
            int valueWidth = Math.max(field.length(), s.rows().stream().mapToInt(r -> Fmt.value(r.value()).length()).max().orElse(5));
            int verdictWidth = Math.max(7, s.rows().stream().mapToInt(r -> String.valueOf(r.verdict()).length()).max().orElse(7));
            String format = "%s %-" + valueWidth + "s  %-" + verdictWidth + "s  %-21s %s%n";
            out.printf(format, " ", field, "verdict", "decided by", "advantage");
            for (Sweep.Row r : s.rows()) {
                out.printf(format, r.edge() ? "*" : " ", Fmt.value(r.value()), r.verdict() == null ? "(invalid)" : r.verdict(),
                        r.decidedBy() == null ? "-" : r.decidedBy(), r.advantage() == null ? "-" : Fmt.x(r.advantage()));
            }
            if (s.rows().stream().anyMatch(Sweep.Row::edge)) {
                out.println("  * the verdict changes between these two values (found by bisection, one step apart)");
            }
            out.println();
        }
        out.flush();
    }

    public static void json(List<Sweep> sweeps, List<InputError> errors, Writer out) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sensitivity", sweeps);
        report.put("errors", errors);
        try {
            out.write(Json.pretty().writeValueAsString(report));
            out.write("\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
