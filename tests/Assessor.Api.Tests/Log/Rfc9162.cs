using System.Security.Cryptography;
using System.Text;

namespace Assessor.Api.Tests.Log;

/// <summary>
/// An RFC 9162 §2.1 verifier written for the tests, apart from the service's tree code: it follows the RFC's recursive
/// definitions of the tree and of its proofs and rebuilds roots from proofs by recursion, where the service stores
/// subtrees and verifies with the RFC's iterative algorithms. Checkpoints are checked with ECDSA over DSSE's PAE built here.
/// </summary>
public static class Rfc9162
{
    public static byte[] Leaf(byte[] entry) => SHA256.HashData([0, .. entry]);

    public static byte[] Interior(byte[] left, byte[] right) => SHA256.HashData([1, .. left, .. right]);

    /// <summary>MTH over leaf hashes <c>[start, end)</c>.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, long start, long end)
    {
        if (end == start)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (end - start == 1)
        {
            return leaves[(int)start];
        }

        var k = Split(end - start);
        return Interior(Root(leaves, start, start + k), Root(leaves, start + k, end));
    }

    /// <summary>True when <paramref name="proof"/> leads from the leaf at <paramref name="index"/> to <paramref name="root"/> in a tree of <paramref name="size"/>.</summary>
    public static bool Includes(long index, long size, byte[] leaf, IReadOnlyList<byte[]> proof, byte[] root)
    {
        if (index < 0 || index >= size)
        {
            return false;
        }

        var remaining = new Queue<byte[]>(proof);
        var computed = Climb(index, size, leaf, remaining);
        return computed is not null && remaining.Count == 0 && computed.SequenceEqual(root);
    }

    /// <summary>True when <paramref name="proof"/> shows the tree of <paramref name="second"/> leaves extends that of <paramref name="first"/>.</summary>
    public static bool Extends(long first, long second, IReadOnlyList<byte[]> proof, byte[] firstRoot, byte[] secondRoot)
    {
        if (first < 1 || first > second)
        {
            return false;
        }

        var remaining = new Queue<byte[]>(proof);
        var roots = Sub(first, second, true, firstRoot, remaining);
        return roots is { } r && remaining.Count == 0 && r.Old.SequenceEqual(firstRoot) && r.New.SequenceEqual(secondRoot);
    }

    /// <summary>Every perfect subtree of the tree over <paramref name="leaves"/> with its hash: what the service stores.</summary>
    public static IEnumerable<(int Level, long Index, byte[] Hash)> Subtrees(IReadOnlyList<byte[]> leaves)
    {
        for (var level = 0; (1L << level) <= leaves.Count; level++)
        {
            for (long index = 0; (index + 1) << level <= leaves.Count; index++)
            {
                yield return (level, index, Root(leaves, index << level, (index + 1) << level));
            }
        }
    }

    /// <summary>The hashes of the perfect subtrees that cover the tree from the left, largest first.</summary>
    public static byte[] RightEdge(IReadOnlyList<byte[]> leaves)
    {
        var edge = new List<byte>();
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((leaves.Count & (1L << level)) != 0)
            {
                edge.AddRange(Root(leaves, start, start + (1L << level)));
                start += 1L << level;
            }
        }

        return [.. edge];
    }

    /// <summary>The checkpoint a DSSE envelope (as JSON) signs, when its signature verifies under the PEM public key.</summary>
    public static (string Origin, long Size, byte[] Root)? SignedCheckpoint(System.Text.Json.JsonElement envelope, string publicKeyPem)
    {
        var type = envelope.GetProperty("payloadType").GetString()!;
        var body = Convert.FromBase64String(envelope.GetProperty("payload").GetString()!);
        var signature = Convert.FromBase64String(envelope.GetProperty("signatures")[0].GetProperty("sig").GetString()!);
        var pae = Encoding.UTF8.GetBytes($"DSSEv1 {Encoding.UTF8.GetByteCount(type)} {type} {body.Length} ").Concat(body).ToArray();
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        if (type != "application/vnd.assessor.tlog-checkpoint" || !key.VerifyData(pae, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            return null;
        }

        var lines = Encoding.UTF8.GetString(body).Split('\n');
        return lines is [var origin, var size, var root, ""] ? (origin, long.Parse(size, System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(root)) : null;
    }

    // PATH(m, D[n]) consumed from the leaf up: the deepest sibling comes first in the proof.
    private static byte[]? Climb(long m, long n, byte[] leaf, Queue<byte[]> proof)
    {
        if (n == 1)
        {
            return leaf;
        }

        var k = Split(n);
        var below = m < k ? Climb(m, k, leaf, proof) : Climb(m - k, n - k, leaf, proof);
        if (below is null || !proof.TryDequeue(out var sibling))
        {
            return null;
        }

        return m < k ? Interior(below, sibling) : Interior(sibling, below);
    }

    // SUBPROOF(m, D[n], b), giving the old and the new hash of this subtree.
    private static (byte[] Old, byte[] New)? Sub(long m, long n, bool wholeOld, byte[] firstRoot, Queue<byte[]> proof)
    {
        if (m == n)
        {
            return wholeOld ? (firstRoot, firstRoot) : proof.TryDequeue(out var node) ? (node, node) : null;
        }

        var k = Split(n);
        if (m <= k)
        {
            var left = Sub(m, k, wholeOld, firstRoot, proof);
            return left is { } l && proof.TryDequeue(out var right) ? (l.Old, Interior(l.New, right)) : null;
        }

        var inner = Sub(m - k, n - k, false, firstRoot, proof);
        return inner is { } r && proof.TryDequeue(out var leftNode) ? (Interior(leftNode, r.Old), Interior(leftNode, r.New)) : null;
    }

    private static long Split(long n)
    {
        long k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
