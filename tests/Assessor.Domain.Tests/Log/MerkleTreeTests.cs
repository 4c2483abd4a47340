using System.Security.Cryptography;
using Assessor.Domain.Log;

namespace Assessor.Domain.Tests.Log;

/// <summary>
/// The log's tree code against RFC 9162 §2.1 written out literally here (MTH, PATH and PROOF over a list of entries),
/// and against Certificate Transparency's published roots.
/// </summary>
public class MerkleTreeTests
{
    /// <summary>The entries and roots of Certificate Transparency's Merkle tree test vectors (merkle_tree_test.cc).</summary>
    private static readonly string[] VectorEntries = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] VectorRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void The_roots_are_certificate_transparencys()
    {
        var frontier = MerkleFrontier.Empty();
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(frontier.Root()));
        for (var i = 0; i < VectorEntries.Length; i++)
        {
            frontier.Append(MerkleTree.LeafHash(Convert.FromHexString(VectorEntries[i])));
            Assert.Equal(VectorRoots[i], Convert.ToHexStringLower(frontier.Root()));
        }
    }

    [Fact]
    public void Appending_stores_every_perfect_subtree_and_proofs_from_them_are_the_rfcs()
    {
        var entries = Enumerable.Range(0, 70).Select(i => BitConverter.GetBytes(i * 7919)).ToList();
        var stored = new Dictionary<Subtree, byte[]>();
        var frontier = MerkleFrontier.Empty();
        for (var n = 1; n <= entries.Count; n++)
        {
            var completed = frontier.Append(MerkleTree.LeafHash(entries[n - 1]));
            Assert.Equal(new Subtree(0, n - 1), completed[0].Subtree);
            foreach (var (subtree, hash) in completed)
            {
                Assert.Equal(n - 1, subtree.Last);
                Assert.Equal(subtree, Subtree.Ending(subtree.Last, subtree.Level));
                Assert.Equal(Mth(entries.GetRange((int)subtree.Start, 1 << subtree.Level)), hash);
                stored.Add(subtree, hash);
            }

            var prefix = entries.GetRange(0, n);
            Assert.Equal(Mth(prefix), frontier.Root());
            Assert.Equal(Mth(prefix), MerkleTree.RangeHash(new LeafRange(0, n), s => stored[s]));
            Assert.Equal(Mth(prefix), MerkleFrontier.FromBytes(n, frontier.ToBytes()).Root());

            for (var m = 0; m < n; m++)
            {
                var path = MerkleTree.InclusionPath(m, n).Select(r => MerkleTree.RangeHash(r, s => stored[s])).ToList();
                Assert.Equal(Path(m, prefix), path);
                Assert.True(MerkleProofs.VerifyInclusion(m, n, MerkleTree.LeafHash(entries[m]), path, Mth(prefix)));
            }

            for (var m = 1; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyPath(m, n).Select(r => MerkleTree.RangeHash(r, s => stored[s])).ToList();
                Assert.Equal(Proof(m, prefix), proof);
                Assert.True(MerkleProofs.VerifyConsistency(m, n, proof, Mth(entries.GetRange(0, m)), Mth(prefix)));
            }
        }
    }

    [Fact]
    public void Verification_refuses_every_altered_proof()
    {
        var entries = Enumerable.Range(0, 13).Select(i => new[] { (byte)i }).ToList();
        var root = Mth(entries);
        for (var m = 0; m < entries.Count; m++)
        {
            var leaf = MerkleTree.LeafHash(entries[m]);
            var path = Path(m, entries);
            Assert.True(MerkleProofs.VerifyInclusion(m, 13, leaf, path, root));
            Assert.False(MerkleProofs.VerifyInclusion(m, 13, MerkleTree.LeafHash([0xff]), path, root));
            Assert.False(MerkleProofs.VerifyInclusion((m + 1) % 13, 13, leaf, path, root));
            Assert.False(MerkleProofs.VerifyInclusion(m, 13, leaf, [.. path, root], root));
            Assert.False(MerkleProofs.VerifyInclusion(m, 13, leaf, path.Take(path.Count - 1).ToList(), root));
            for (var i = 0; i < path.Count; i++)
            {
                var altered = path.Select(h => h.ToArray()).ToList();
                altered[i][5] ^= 1;
                Assert.False(MerkleProofs.VerifyInclusion(m, 13, leaf, altered, root));
            }
        }

        for (var m = 1; m < entries.Count; m++)
        {
            var old = Mth(entries.GetRange(0, m));
            var proof = Proof(m, entries);
            Assert.True(MerkleProofs.VerifyConsistency(m, 13, proof, old, root));
            Assert.False(MerkleProofs.VerifyConsistency(m, 13, proof, Mth(entries.GetRange(1, m)), root));
            Assert.False(MerkleProofs.VerifyConsistency(m, 13, proof, old, Mth(entries.GetRange(0, 12))));
            Assert.False(MerkleProofs.VerifyConsistency(m, 13, [], old, root));
            for (var i = 0; i < proof.Count; i++)
            {
                var altered = proof.Select(h => h.ToArray()).ToList();
                altered[i][0] ^= 0x80;
                Assert.False(MerkleProofs.VerifyConsistency(m, 13, altered, old, root));
            }
        }

        Assert.True(MerkleProofs.VerifyConsistency(13, 13, [], root, root));
        Assert.False(MerkleProofs.VerifyConsistency(13, 13, [root], root, root));
        Assert.False(MerkleProofs.VerifyConsistency(0, 13, [], MerkleTree.EmptyRoot(), root));
    }

    [Fact]
    public void A_proof_for_a_million_leaves_needs_a_few_dozen_stored_subtrees()
    {
        const long size = 1_000_000;
        var inclusion = MerkleTree.SubtreesOf(MerkleTree.InclusionPath(654_321, size));
        var consistency = MerkleTree.SubtreesOf(MerkleTree.ConsistencyPath(345_679, size));

        Assert.InRange(inclusion.Count, 1, 40);
        Assert.InRange(consistency.Count, 1, 60);
        Assert.All(inclusion.Concat(consistency), s => Assert.True(s.End <= size));
    }

    [Fact]
    public void Ranges_that_are_not_aligned_to_subtrees_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.Decompose(1, 3));
        Assert.Equal([new Subtree(1, 2), new Subtree(0, 6)], MerkleTree.Decompose(4, 7));
        Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes(3, new byte[32]));
    }

    // RFC 9162 §2.1.1: MTH(D[n]), written as the RFC states it.
    private static byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0)
        {
            return SHA256.HashData([]);
        }

        if (d.Count == 1)
        {
            return SHA256.HashData([0x00, .. d[0]]);
        }

        var k = 1;
        while (k * 2 < d.Count)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. Mth(d.Take(k).ToList()), .. Mth(d.Skip(k).ToList())]);
    }

    // RFC 9162 §2.1.3.1: PATH(m, D[n]).
    private static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count == 1)
        {
            return [];
        }

        var k = 1;
        while (k * 2 < d.Count)
        {
            k *= 2;
        }

        return m < k
            ? [.. Path(m, d.Take(k).ToList()), Mth(d.Skip(k).ToList())]
            : [.. Path(m - k, d.Skip(k).ToList()), Mth(d.Take(k).ToList())];
    }

    // RFC 9162 §2.1.4.1: PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
    private static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        if (m == d.Count)
        {
            return b ? [] : [Mth(d)];
        }

        var k = 1;
        while (k * 2 < d.Count)
        {
            k *= 2;
        }

        return m <= k
            ? [.. SubProof(m, d.Take(k).ToList(), b), Mth(d.Skip(k).ToList())]
            : [.. SubProof(m - k, d.Skip(k).ToList(), false), Mth(d.Take(k).ToList())];
    }
}
