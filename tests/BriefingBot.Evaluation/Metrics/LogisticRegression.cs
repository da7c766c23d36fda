namespace BriefingBot.Evaluation.Metrics;

/// <summary>
/// Logistic regression fitted by Newton's method (iteratively reweighted least squares) on standardised features with
/// a small ridge penalty, returned on the original scale: P(y) = 1 / (1 + e^-(Intercept + Σ Weights·x)).
/// </summary>
internal sealed record LogisticRegression(double Intercept, double[] Weights)
{
    public double Probability(IReadOnlyList<float> x)
    {
        var z = Intercept;
        for (var i = 0; i < Weights.Length; i++)
        {
            z += Weights[i] * x[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Mean log-loss of the model on the rows.</summary>
    public double LogLoss(IReadOnlyList<float[]> x, IReadOnlyList<bool> y) =>
        x.Select((row, i) => Math.Clamp(Probability(row), 1e-9, 1 - 1e-9) is var p && y[i] ? -Math.Log(p) : -Math.Log(1 - p)).Average();

    public static LogisticRegression Fit(IReadOnlyList<float[]> x, IReadOnlyList<bool> y, double ridge = 1.0, int iterations = 50)
    {
        var n = x.Count;
        var d = x[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = x.Average(r => r[j]);
            var sd = Math.Sqrt(x.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
            scale[j] = sd > 1e-9 ? sd : 1;
        }

        // Standardised design with a leading 1 for the intercept.
        var z = x.Select(r => new double[] { 1 }.Concat(r.Select((v, j) => (v - mean[j]) / scale[j])).ToArray()).ToList();
        var beta = new double[d + 1];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-Dot(beta, z[i])));
                var w = p * (1 - p);
                for (var a = 0; a <= d; a++)
                {
                    gradient[a] += (p - (y[i] ? 1 : 0)) * z[i][a];
                    for (var b = 0; b <= d; b++)
                    {
                        hessian[a, b] += w * z[i][a] * z[i][b];
                    }
                }
            }

            for (var a = 1; a <= d; a++)
            {
                gradient[a] += ridge * beta[a];
                hessian[a, a] += ridge;
            }

            var step = Solve(hessian, gradient);
            var change = 0.0;
            for (var a = 0; a <= d; a++)
            {
                beta[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }

            if (change < 1e-8)
            {
                break;
            }
        }

        var weights = new double[d];
        var intercept = beta[0];
        for (var j = 0; j < d; j++)
        {
            weights[j] = beta[j + 1] / scale[j];
            intercept -= weights[j] * mean[j];
        }

        return new LogisticRegression(intercept, weights);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var m = (double[,])matrix.Clone();
        var v = (double[])vector.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (v[col], v[pivot]) = (v[pivot], v[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[r, k] -= f * m[col, k];
                }

                v[r] -= f * v[col];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var k = r + 1; k < n; k++)
            {
                sum -= m[r, k] * x[k];
            }

            x[r] = sum / m[r, r];
        }

        return x;
    }
}
