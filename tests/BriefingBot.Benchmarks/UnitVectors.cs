using System.Numerics.Tensors;

namespace BriefingBot.Benchmarks;

/// <summary>Random unit vectors (seeded, so every run searches the same matrix).</summary>
internal static class UnitVectors
{
    public static float[] Next(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
