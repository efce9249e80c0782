package dev.finetuneadvisor.model;

/**
 * A fact a rule inserts that names one value of a free-text fact field the rules tell apart from others (a row of
 * a table keyed by text, such as the models that generate synthetic data). The whole-space check reads these to
 * give the field each value the rules distinguish, plus one no row matches; free text has no other boundaries.
 */
public interface TextExample {
    /** The fact field the example is a value of, by its path in fact files ({@code data.syntheticTeacher}). */
    String getExampleField();

    /** A value of that field that this row, and no earlier one, matches. */
    String getExample();
}
