package dev.finetuneadvisor.io;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;

/** A report could not be written (its temporary file failed); what was written of it is incomplete. */
public final class ReportOutputException extends UncheckedIOException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ReportOutputException(String message, IOException cause) {
        super(message, cause);
    }
}
