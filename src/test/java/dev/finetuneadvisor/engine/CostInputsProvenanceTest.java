package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.model.CostEstimate;
import dev.finetuneadvisor.model.Serving;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cost model charges only the deployment path the rules choose, and every price that is not the article's
 * own for that path is named in {@code costs.assumed}: the article prices a fine-tuned model's inference only on
 * an inference provider, and training only for GPT-4o's hosted fine-tuning.
 */
class CostInputsProvenanceTest {
    @Test
    void a_hosted_api_is_charged_an_inference_price_the_output_calls_assumed() {
        // Given a case under 5M calls a month with nothing that requires serving the model yourself
        CostEstimate c = TestRules.evaluate(TestRules.PASSES_ALL_GATES.replace("callsPerDay: 500000", "callsPerDay: 100000")).costs();
        // Then it runs on a hosted API, whose per-inference price is an assumption, and its training is GPT-4o's price
        assertEquals(Serving.Path.HOSTED_API, c.getServingPath());
        assertTrue(c.getAssumed().contains("hostedTunedUsdPerMillionTokens"), c.getAssumed().toString());
        assertFalse(c.getInputs().contains("tunedUsdPerMillionTokens"));
        assertTrue(c.getInputs().contains("trainingUsdPerMillionTokens"));
        assertEquals(0.0, c.getHostingUsdPerYear());
    }

    @Test
    void an_open_model_on_an_inference_provider_is_charged_the_articles_price_and_an_assumed_training_price() {
        // Given the worked example's volume, 500k calls a day
        CostEstimate c = TestRules.evaluate(TestRules.PASSES_ALL_GATES).costs();
        // Then the inference price is the article's ($50 a day) and the open model's training price is assumed
        assertEquals(Serving.Path.INFERENCE_PROVIDER, c.getServingPath());
        assertEquals(50.0, c.getFineTuneInferenceUsdPerDay());
        assertFalse(c.getAssumed().contains("tunedUsdPerMillionTokens"));
        assertTrue(c.getAssumed().contains("openModelTrainingUsdPerMillionTokens"), c.getAssumed().toString());
        assertEquals(0.0, c.getHostingUsdPerYear());
    }

    @Test
    void a_model_served_for_privacy_is_charged_gpu_hosting_and_no_per_token_price() {
        // Given private data at the worked example's volume
        CostEstimate c = TestRules.evaluate(TestRules.PASSES_ALL_GATES.replace("privacyRequired: false", "privacyRequired: true")).costs();
        // Then hosting is charged and per-token inference is not, and the comparison is flagged
        assertEquals(Serving.Path.SELF_SERVED, c.getServingPath());
        assertTrue(c.getHostingUsdPerYear() > 0);
        assertEquals(0.0, c.getFineTuneInferenceUsdPerYear());
        assertTrue(c.isFrontierMayNotBeAllowed());
        assertTrue(c.getChosenInRange().contains("hostingUsdPerMonth"), c.getChosenInRange().toString());
    }

    @Test
    void a_price_given_for_another_deployment_path_is_reported_as_unused() {
        // Given a hosted case that gives the inference provider's price, which the hosted path does not read
        CostEstimate c = TestRules.evaluate(TestRules.PASSES_ALL_GATES.replace("callsPerDay: 500000", "callsPerDay: 100000")
                + "costs: { tunedUsdPerMillionTokens: 0.30, engineerUsdPerWeek: 5000 }\n").costs();
        // Then the unused one is named and the used one is not
        assertEquals(List.of("tunedUsdPerMillionTokens"), c.getUnusedOverrides());
    }
}
