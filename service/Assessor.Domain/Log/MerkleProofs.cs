namespace Assessor.Domain.Log;

/// <summary>
/// The verification algorithms of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), as a client runs them:
/// nothing but the proof, the leaf or the old root, and a trusted root.
/// </summary>
public static class MerkleProofs
{
    /// <summary>The root that <paramref name="path"/> leads to from <paramref name="leafHash"/>; null when the path cannot be one for this index and size.</summary>
    public static byte[]? RootFromInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleTree.HashSize)
        {
            return null;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != MerkleTree.HashSize)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.NodeHash(p, r);
                (fn, sn) = ShiftToSetBit(fn, sn);
            }
            else
            {
                r = MerkleTree.NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root) =>
        RootFromInclusion(index, size, leafHash, path) is { } computed && computed.AsSpan().SequenceEqual(root);

    /// <summary>True when <paramref name="proof"/> shows that the tree of <paramref name="second"/> leaves with root <paramref name="secondRoot"/> extends the one of <paramref name="first"/> leaves with root <paramref name="firstRoot"/>.</summary>
    public static bool VerifyConsistency(long first, long second, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
    {
        if (first < 1 || first > second || proof.Any(p => p.Length != MerkleTree.HashSize))
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        // A first tree that is a perfect subtree is itself the first node of the path.
        var path = (first & (first - 1)) == 0 ? [firstRoot.ToArray(), .. proof] : proof.ToList();
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleTree.NodeHash(c, fr);
                sr = MerkleTree.NodeHash(c, sr);
                (fn, sn) = ShiftToSetBit(fn, sn);
            }
            else
            {
                sr = MerkleTree.NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    /// <summary>RFC 9162's "right-shift both fn and sn equally until either LSB(fn) is set or fn is 0".</summary>
    private static (long Fn, long Sn) ShiftToSetBit(long fn, long sn)
    {
        while ((fn & 1) == 0 && fn != 0)
        {
            fn >>= 1;
            sn >>= 1;
        }

        return (fn, sn);
    }
}
