package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of task, in the article's own terms. */
public enum TaskKind {
    @JsonProperty("classification") CLASSIFICATION,
    @JsonProperty("extraction") EXTRACTION,
    @JsonProperty("intent-detection") INTENT_DETECTION,
    @JsonProperty("inline-suggestion") INLINE_SUGGESTION,
    @JsonProperty("style") STYLE,
    @JsonProperty("structured-output") STRUCTURED_OUTPUT,
    @JsonProperty("summarization") SUMMARIZATION,
    @JsonProperty("question-answering") QUESTION_ANSWERING,
    @JsonProperty("general-reasoning") GENERAL_REASONING,
    @JsonProperty("preference-alignment") PREFERENCE_ALIGNMENT,
    @JsonProperty("other") OTHER
}
