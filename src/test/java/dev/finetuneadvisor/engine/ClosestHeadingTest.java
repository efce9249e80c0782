package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.Article;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Did you mean": the heading path suggested for each kind of mistake an author makes in a @section. */
class ClosestHeadingTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // remembered by some words and the initials of its top heading
        "Hidden costs FAQ | Frequently Asked Questions / What are the hidden costs of fine-tuning in production?",
        "Hallucinations FAQ | Frequently Asked Questions / Can I fine-tune a model to prevent hallucinations?",
        // a sub-heading without its parent
        "Latency-Critical Narrow Tasks | The Narrow Cases Where Fine-Tuning Actually Pays / Latency-Critical Narrow Tasks",
        "Evaluation Harness | Evals, Guardrails, and Observability: Non-Negotiable Infrastructure / Evaluation Harness",
        // another case, spacing or separator
        "the 4 times fine-tuning is not worth it > 3. your eval harness does not exist yet | The 4 Times Fine-Tuning Is Not Worth It / 3. Your Eval Harness Does Not Exist Yet",
        "The Narrow Cases Where Fine-Tuning Actually Pays/Stable Style and Tone at Scale | The Narrow Cases Where Fine-Tuning Actually Pays / Stable Style and Tone at Scale",
        // a misspelling, a singular, a short form
        "The Data Problem Noboddy Talks About | The Data Problem Nobody Talks About",
        "Guardrail | Evals, Guardrails, and Observability: Non-Negotiable Infrastructure / Guardrails",
        "Decision framework | A Decision Framework: Fine-Tune or Not",
        "Volume and maintenance cost | The 4 Times Fine-Tuning Is Not Worth It / 4. Your Volume Does Not Justify the Maintenance Cost",
    })
    void suggests_the_heading_path_meant(String given, String expected) throws Exception {
        // Given the bundled article
        Article article = ArticleFile.load(TestRules.RULES);
        // When the closest heading path to a wrong @section is asked for, Then it is the one meant
        assertEquals(expected, ClosestHeading.of(given, article));
    }
}
