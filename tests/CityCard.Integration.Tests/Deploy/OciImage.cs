using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace CityCard.Integration.Tests.Deploy;

/// <summary>
/// One image of an OCI archive as scripts/build-images.sh writes it (an OCI image layout in a tar): its config, and
/// its layers unpacked in order into a root file system, the way a container runtime lays them out.
/// </summary>
public sealed class OciImage
{
    private readonly string layout;
    private readonly JsonObject manifest;

    private OciImage(string layout, JsonObject manifest, JsonObject config)
    {
        this.layout = layout;
        this.manifest = manifest;
        Config = config;
    }

    /// <summary>The image config (architecture, os, config.Entrypoint, config.Env, config.User, …).</summary>
    /// <remarks>The properties below are named as the config's fields, hence their nameof.</remarks>
    public JsonObject Config { get; }

    public IReadOnlyList<string> Entrypoint => [.. Config["config"]![nameof(Entrypoint)]!.AsArray().Select(e => (string)e!)];

    public IReadOnlyDictionary<string, string> Env =>
        Config["config"]![nameof(Env)]!.AsArray().Select(e => ((string)e!).Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);

    public string User => (string)Config["config"]![nameof(User)]!;

    public string WorkingDir => (string)Config["config"]![nameof(WorkingDir)]!;

    public IReadOnlyList<string> ExposedPorts => [.. Config["config"]![nameof(ExposedPorts)]!.AsObject().Select(p => p.Key)];

    public int LayerCount => manifest["layers"]!.AsArray().Count;

    /// <summary>Unpacks <paramref name="archive"/> into <paramref name="folder"/> and reads its one image.</summary>
    public static OciImage Open(string archive, string folder)
    {
        Directory.CreateDirectory(folder);
        TarFile.ExtractToDirectory(archive, folder, overwriteFiles: true);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "index.json")))!;
        var manifest = Blob(folder, (string)index["manifests"]![0]!["digest"]!);
        return new OciImage(folder, manifest, Blob(folder, (string)manifest["config"]!["digest"]!));
    }

    /// <summary>
    /// The layers, unpacked in order into <paramref name="root"/> with GNU tar (owners and modes as stored), plus the
    /// mount points a runtime provides.
    /// </summary>
    public void Unpack(string root)
    {
        Directory.CreateDirectory(root);
        foreach (var layer in manifest["layers"]!.AsArray())
        {
            Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", (string?)layer!["mediaType"]);
            Run("tar", "--same-owner", "-xzf", BlobPath(layout, (string)layer["digest"]!), "-C", root);
        }

        Directory.CreateDirectory(Path.Combine(root, "proc"));
        Directory.CreateDirectory(Path.Combine(root, "dev"));
    }

    private static JsonObject Blob(string layout, string digest) => JsonNode.Parse(File.ReadAllText(BlobPath(layout, digest)))!.AsObject();

    private static string BlobPath(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {errors}");
    }
}
