namespace BriefingBot.Memory.Answering;

/// <summary>
/// How sure an extractive answer is: logistic regressions over <see cref="AnswerSignals"/> with the coefficients of
/// <see cref="ConfidenceCoefficients"/>, fitted on the development question sets by the evaluation's <c>calibrate</c>
/// command (see docs/EVALUATION.md). One gives the probability that an answer is right, the other that a not-found
/// decided before any sentence was chosen (by the retrieval thresholds or the answerability rule) is.
/// </summary>
public static class ConfidenceModel
{
    /// <summary>P(the answer is right | its signals), 0–1.</summary>
    public static float Probability(AnswerSignals signals) =>
        Logistic(ConfidenceCoefficients.Intercept, ConfidenceCoefficients.Weights, signals.Features());

    /// <summary>P(declining is right | the retrieval signals), 0–1.</summary>
    public static float Declining(AnswerSignals signals) =>
        Logistic(ConfidenceCoefficients.DeclineIntercept, ConfidenceCoefficients.DeclineWeights, signals.RetrievalFeatures());

    private static float Logistic(float intercept, float[] weights, float[] features)
    {
        var z = intercept;
        for (var i = 0; i < features.Length; i++)
        {
            z += weights[i] * features[i];
        }

        return 1f / (1f + MathF.Exp(-z));
    }
}
