package io.effortlens.scoring;

import java.util.List;

/**
 * The model {@code score} applies: the current row of {@code model_registry} and the drivers that
 * may explain a customer's risk.
 *
 * @param version model_version
 * @param path the saved PipelineModel (absolute, or relative to the lake root)
 * @param features the model's input columns in customer_features
 * @param candidates drivers with a reference value, largest counterfactual share first
 * @param survivalPath the saved time-to-defection model, or null when there is none
 */
public record PublishedModel(
    String version,
    String path,
    List<String> features,
    List<Candidate> candidates,
    String survivalPath) {}
