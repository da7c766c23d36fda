using System.Numerics.Tensors;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// Every chunk vector of the store in one contiguous row-major matrix in memory, searched exhaustively with SIMD dot
/// products (vectors are unit length, so a dot product is the cosine). Exact, and about 1 ms per 10,000 chunks on one
/// core. Appends and deletions are cheap; deleted rows are compacted away once they are a quarter of the matrix.
/// </summary>
internal sealed class VectorIndex(int dimensions)
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, int> _rowOf = [];
    private float[] _matrix = new float[dimensions * 1024];
    private long[] _chunkIds = new long[1024];
    private string[] _documentIds = new string[1024];
    private int _rows;
    private int _deleted;

    public int Count => _rowOf.Count;

    public void Add(long chunkId, string documentId, ReadOnlySpan<float> vector)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_rows == _chunkIds.Length)
            {
                Array.Resize(ref _matrix, _matrix.Length * 2);
                Array.Resize(ref _chunkIds, _chunkIds.Length * 2);
                Array.Resize(ref _documentIds, _documentIds.Length * 2);
            }

            vector.CopyTo(_matrix.AsSpan(_rows * dimensions, dimensions));
            _chunkIds[_rows] = chunkId;
            _documentIds[_rows] = documentId;
            _rowOf[chunkId] = _rows;
            _rows++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void RemoveDocument(string documentId)
    {
        _lock.EnterWriteLock();
        try
        {
            for (var row = 0; row < _rows; row++)
            {
                if (_documentIds[row] == documentId && _chunkIds[row] >= 0)
                {
                    _rowOf.Remove(_chunkIds[row]);
                    _chunkIds[row] = -1;
                    _deleted++;
                }
            }

            if (_deleted * 4 > _rows)
            {
                Compact();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<ScoredChunk> Search(ReadOnlySpan<float> query, Func<string, bool>? allowDocument, int limit)
    {
        _lock.EnterReadLock();
        try
        {
            var best = new PriorityQueue<int, float>(limit + 1);
            var scoreOf = new Dictionary<int, float>(limit + 1);
            for (var row = 0; row < _rows; row++)
            {
                if (_chunkIds[row] < 0 || (allowDocument is not null && !allowDocument(_documentIds[row])))
                {
                    continue;
                }

                var score = TensorPrimitives.Dot(_matrix.AsSpan(row * dimensions, dimensions), query);
                if (best.Count < limit)
                {
                    best.Enqueue(row, score);
                    scoreOf[row] = score;
                }
                else if (best.TryPeek(out _, out var worst) && score > worst)
                {
                    scoreOf.Remove(best.Dequeue());
                    best.Enqueue(row, score);
                    scoreOf[row] = score;
                }
            }

            return scoreOf.OrderByDescending(kv => kv.Value)
                .Select(kv => new ScoredChunk(_chunkIds[kv.Key], kv.Value))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public float? Similarity(long chunkId, ReadOnlySpan<float> query)
    {
        _lock.EnterReadLock();
        try
        {
            return _rowOf.TryGetValue(chunkId, out var row)
                ? TensorPrimitives.Dot(_matrix.AsSpan(row * dimensions, dimensions), query)
                : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public float[]? Vector(long chunkId)
    {
        _lock.EnterReadLock();
        try
        {
            return _rowOf.TryGetValue(chunkId, out var row) ? _matrix.AsSpan(row * dimensions, dimensions).ToArray() : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Compact()
    {
        var target = 0;
        _rowOf.Clear();
        for (var row = 0; row < _rows; row++)
        {
            if (_chunkIds[row] < 0)
            {
                continue;
            }

            if (target != row)
            {
                _matrix.AsSpan(row * dimensions, dimensions).CopyTo(_matrix.AsSpan(target * dimensions, dimensions));
                _chunkIds[target] = _chunkIds[row];
                _documentIds[target] = _documentIds[row];
            }

            _rowOf[_chunkIds[target]] = target;
            target++;
        }

        Array.Clear(_documentIds, target, _rows - target);
        _rows = target;
        _deleted = 0;
    }
}
