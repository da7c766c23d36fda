using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace BriefingBot.Memory.Embedding;

/// <summary>
/// Runs a packaged sentence-embedding model with ONNX Runtime on the CPU: WordPiece tokenisation, length-sorted
/// batches padded to their longest member, the model's pooling, and L2 normalisation (so a dot product is a cosine).
/// A passage longer than the window is refused rather than silently cut; a query is cut to the window.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, ITokenCounter
{
    private const int MaxBatchTokens = 8192;
    private const int MaxBatchSize = 64;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly int _clsId;
    private readonly int _sepId;
    private readonly string _outputName;

    public OnnxEmbeddingGenerator(EmbeddingModelProfile profile, int threads = 0)
    {
        Profile = profile;
        using (var vocab = profile.OpenResource("vocab.txt"))
        {
            _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        }

        _clsId = _tokenizer.ClassificationTokenId;
        _sepId = _tokenizer.SeparatorTokenId;
        byte[] model;
        using (var stream = profile.OpenResource("model.onnx"))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            model = buffer.ToArray();
        }

        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        // Idle intra-op threads sleep rather than spin: on a small machine shared with the web host (and other
        // processes) spinning burns the cores the other threads need; measured about 20% less CPU per batch.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(model, options);
        _outputName = _session.OutputMetadata.Keys.First();
        Metadata = new EmbeddingGeneratorMetadata("onnx", null, profile.Id, profile.Dimensions);
    }

    public EmbeddingModelProfile Profile { get; }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public int MaxPassageTokens => Profile.MaxTokens - 2;

    public int CountTokens(string text) => _tokenizer.EncodeToIds(text, addSpecialTokens: false).Count;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var isQuery = EmbeddingPurpose.IsQuery(options);
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var ids = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            ids[i] = Encode(isQuery ? Profile.QueryPrefix + texts[i] : texts[i], isQuery);
        }

        var vectors = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ids[i].Length).ToArray();
        var start = 0;
        while (start < order.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start;
            while (end < order.Length && end - start < MaxBatchSize && (end - start + 1) * ids[order[end]].Length <= MaxBatchTokens)
            {
                end++;
            }

            end = Math.Max(end, start + 1);
            RunBatch(order.AsSpan(start, end - start), ids, vectors);
            start = end;
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = Profile.Id }));
        return Task.FromResult(result);
    }

    private int[] Encode(string text, bool truncate)
    {
        var content = _tokenizer.EncodeToIds(text, addSpecialTokens: false);
        if (content.Count > MaxPassageTokens)
        {
            if (!truncate)
            {
                throw new ArgumentException(
                    $"A passage of {content.Count} tokens exceeds the {Profile.Id} window of {MaxPassageTokens}; chunk it first.");
            }

            content = content.Take(MaxPassageTokens).ToList();
        }

        var ids = new int[content.Count + 2];
        ids[0] = _clsId;
        for (var i = 0; i < content.Count; i++)
        {
            ids[i + 1] = content[i];
        }

        ids[^1] = _sepId;
        return ids;
    }

    private void RunBatch(ReadOnlySpan<int> members, int[][] ids, float[][] vectors)
    {
        var batch = members.Length;
        var length = 0;
        foreach (var m in members)
        {
            length = Math.Max(length, ids[m].Length);
        }

        var inputIds = new long[batch * length];
        var mask = new long[batch * length];
        var types = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            var row = ids[members[b]];
            for (var t = 0; t < row.Length; t++)
            {
                inputIds[b * length + t] = row[t];
                mask[b * length + t] = 1;
            }
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>
        {
            ["input_ids"] = idsValue,
            ["attention_mask"] = maskValue,
            ["token_type_ids"] = typesValue,
        };
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputs, [_outputName]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dims = Profile.Dimensions;
        for (var b = 0; b < batch; b++)
        {
            var vector = new float[dims];
            var tokens = ids[members[b]].Length;
            if (Profile.Pooling == Pooling.Cls)
            {
                hidden.Slice(b * length * dims, dims).CopyTo(vector);
            }
            else
            {
                for (var t = 0; t < tokens; t++)
                {
                    TensorPrimitives.Add(vector, hidden.Slice((b * length + t) * dims, dims), vector);
                }

                TensorPrimitives.Divide(vector, tokens, vector);
            }

            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            vectors[members[b]] = vector;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}
