using System.Numerics;

namespace Assessor.Domain.Log;

/// <summary>
/// The right edge of a tree of <see cref="Size"/> leaves: the hashes of its perfect subtrees (one per bit of the size,
/// largest first). It is all an append needs, and the root is folded from it. The log keeps it beside its size, as
/// the concatenated hashes (<see cref="ToBytes"/>).
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> hashes;

    private MerkleFrontier(long size, List<byte[]> hashes)
    {
        Size = size;
        this.hashes = hashes;
    }

    public long Size { get; private set; }

    public static MerkleFrontier Empty() => new(0, []);

    /// <exception cref="FormatException">The bytes are not the frontier of a tree of <paramref name="size"/> leaves.</exception>
    public static MerkleFrontier FromBytes(long size, ReadOnlySpan<byte> bytes)
    {
        var count = BitOperations.PopCount((ulong)size);
        if (size < 0 || bytes.Length != count * MerkleTree.HashSize)
        {
            throw new FormatException($"A frontier of a tree of {size} leaves holds {count} hashes, not {bytes.Length} bytes.");
        }

        var hashes = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            hashes.Add(bytes.Slice(i * MerkleTree.HashSize, MerkleTree.HashSize).ToArray());
        }

        return new MerkleFrontier(size, hashes);
    }

    public byte[] ToBytes() => [.. hashes.SelectMany(h => h)];

    /// <summary>The perfect subtrees of the tree, largest first, with their hashes.</summary>
    public IReadOnlyList<(Subtree Subtree, byte[] Hash)> Subtrees() =>
        MerkleTree.Decompose(0, Size).Zip(hashes, (subtree, hash) => (subtree, hash)).ToList();

    /// <summary>
    /// Adds a leaf; returns every perfect subtree this completes, the leaf itself first and then each parent it
    /// closes, with their hashes: exactly the nodes to store for it.
    /// </summary>
    public IReadOnlyList<(Subtree Subtree, byte[] Hash)> Append(byte[] leafHash)
    {
        var index = Size;
        var completed = new List<(Subtree, byte[])> { (new Subtree(0, index), leafHash) };
        var hash = leafHash;
        var level = 0;
        while (((index >> level) & 1) == 1)
        {
            hash = MerkleTree.NodeHash(hashes[^1], hash);
            hashes.RemoveAt(hashes.Count - 1);
            level++;
            completed.Add((new Subtree(level, index >> level), hash));
        }

        hashes.Add(hash);
        Size++;
        return completed;
    }

    /// <summary>The tree's root hash (RFC 9162 MTH); the empty tree's is SHA-256 of nothing.</summary>
    public byte[] Root()
    {
        if (hashes.Count == 0)
        {
            return MerkleTree.EmptyRoot();
        }

        var root = hashes[^1];
        for (var i = hashes.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(hashes[i], root);
        }

        return root;
    }
}
