using System.Numerics;
using System.Security.Cryptography;

namespace Assessor.Domain.Log;

/// <summary>
/// A perfect subtree of the log's Merkle tree: the <c>2^Level</c> leaves starting at <c>Index × 2^Level</c>. Level 0
/// is a leaf. Only these are ever stored; every other hash the log serves is computed from a few of them.
/// </summary>
public readonly record struct Subtree(int Level, long Index)
{
    public long Start => Index << Level;

    public long End => (Index + 1) << Level;

    /// <summary>Its last leaf: the subtree is complete once that leaf is appended, and the log stores it under (Last, Level).</summary>
    public long Last => End - 1;

    /// <summary>The subtree of <c>2^level</c> leaves that ends at leaf <paramref name="last"/>.</summary>
    public static Subtree Ending(long last, int level) => new(level, ((last + 1) >> level) - 1);
}

/// <summary>A range of leaves <c>[Start, End)</c> whose Merkle tree hash (RFC 9162 MTH) is one element of a proof.</summary>
public readonly record struct LeafRange(long Start, long End);

/// <summary>
/// The Merkle tree of RFC 9162 §2.1 over the log's events: leaf hash SHA-256(0x00 ‖ entry), interior hash
/// SHA-256(0x01 ‖ left ‖ right), a tree of n leaves split at the largest power of two below n. Proofs are built
/// from stored perfect subtrees (<see cref="Subtree"/>), so a proof for a tree of any size needs O(log n) of them.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(entry);
        return hash.GetHashAndReset();
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 9162 splits a tree of n leaves.</summary>
    public static long SplitPoint(long n) => n < 2
        ? throw new ArgumentOutOfRangeException(nameof(n), n, "A tree of fewer than two leaves does not split.")
        : (long)BitOperations.RoundUpToPowerOf2((ulong)n) >> 1;

    /// <summary>
    /// The perfect subtrees that make up <c>[start, end)</c>, largest first: one per bit of its length. Their hashes
    /// folded from the right give the range's MTH. Every range of a proof or a root is aligned so that this holds.
    /// </summary>
    public static IReadOnlyList<Subtree> Decompose(long start, long end)
    {
        if (start < 0 || end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), $"[{start}, {end}) is not a range of leaves.");
        }

        var parts = new List<Subtree>();
        var at = start;
        for (var level = 62; level >= 0; level--)
        {
            var size = 1L << level;
            if (((end - start) & size) != 0)
            {
                if (at % size != 0)
                {
                    throw new ArgumentException($"[{start}, {end}) is not aligned to the tree's subtrees.", nameof(start));
                }

                parts.Add(new Subtree(level, at >> level));
                at += size;
            }
        }

        return parts;
    }

    /// <summary>MTH of <paramref name="range"/> from the hashes of its perfect subtrees (<see cref="Decompose"/>).</summary>
    public static byte[] RangeHash(LeafRange range, Func<Subtree, byte[]> subtreeHash)
    {
        if (range.End == range.Start)
        {
            return EmptyRoot();
        }

        var parts = Decompose(range.Start, range.End);
        var hash = subtreeHash(parts[^1]);
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            hash = NodeHash(subtreeHash(parts[i]), hash);
        }

        return hash;
    }

    /// <summary>The ranges whose hashes form the audit path of leaf <paramref name="index"/> in a tree of <paramref name="size"/> leaves (RFC 9162 §2.1.3.1), leaf end first.</summary>
    public static IReadOnlyList<LeafRange> InclusionPath(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size} leaves.");
        }

        var path = new List<LeafRange>();
        Path(index, 0, size, path);
        return path;

        static void Path(long m, long start, long end, List<LeafRange> path)
        {
            if (end - start == 1)
            {
                return;
            }

            var k = SplitPoint(end - start);
            if (m < k)
            {
                Path(m, start, start + k, path);
                path.Add(new LeafRange(start + k, end));
            }
            else
            {
                Path(m - k, start + k, end, path);
                path.Add(new LeafRange(start, start + k));
            }
        }
    }

    /// <summary>The ranges whose hashes form the consistency proof from a tree of <paramref name="first"/> leaves to one of <paramref name="second"/> (RFC 9162 §2.1.4.1).</summary>
    public static IReadOnlyList<LeafRange> ConsistencyPath(long first, long second)
    {
        if (first < 1 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"No consistency proof from {first} to {second} leaves (need 1 ≤ first ≤ second).");
        }

        var path = new List<LeafRange>();
        SubProof(first, 0, second, true, path);
        return path;

        static void SubProof(long m, long start, long end, bool wholeOldTree, List<LeafRange> path)
        {
            var n = end - start;
            if (m == n)
            {
                if (!wholeOldTree)
                {
                    path.Add(new LeafRange(start, end));
                }

                return;
            }

            var k = SplitPoint(n);
            if (m <= k)
            {
                SubProof(m, start, start + k, wholeOldTree, path);
                path.Add(new LeafRange(start + k, end));
            }
            else
            {
                SubProof(m - k, start + k, end, false, path);
                path.Add(new LeafRange(start, start + k));
            }
        }
    }

    /// <summary>Every perfect subtree whose hash the given ranges need, each once.</summary>
    public static IReadOnlyList<Subtree> SubtreesOf(IEnumerable<LeafRange> ranges) =>
        ranges.SelectMany(r => Decompose(r.Start, r.End)).Distinct().ToList();
}
