using System.Diagnostics;
using System.Text;

namespace CityCard.Integration.Tests.Deploy;

/// <summary>
/// An image's entrypoint run from its unpacked layers with no container engine: in a mount namespace of its own
/// (/proc and /dev mounted as a runtime would), with the layers as its root, the image's working folder, user and
/// environment (plus <c>extraEnv</c>), and this machine's network. Needs root, as mounting does.
/// </summary>
public sealed class ImageProcess : IDisposable
{
    private const string Launch =
        "mount -t proc proc \"$IMAGE_ROOT/proc\" && mount --rbind /dev \"$IMAGE_ROOT/dev\" && " +
        "exec unshare --root=\"$IMAGE_ROOT\" --wd=\"$IMAGE_WORKDIR\" --setgid=\"$IMAGE_USER\" --setuid=\"$IMAGE_USER\" \"$@\"";

    private readonly Process process;
    private readonly StringBuilder output = new();

    public ImageProcess(OciImage image, string root, IReadOnlyDictionary<string, string> extraEnv)
    {
        var start = new ProcessStartInfo("unshare", ["--mount", "sh", "-c", Launch, "image", .. image.Entrypoint])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        foreach (var (name, value) in image.Env.Concat(extraEnv))
        {
            start.Environment[name] = value;
        }

        start.Environment["IMAGE_ROOT"] = root;
        start.Environment["IMAGE_WORKDIR"] = image.WorkingDir;
        start.Environment["IMAGE_USER"] = image.User;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => process.HasExited;

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static bool CanRun => Environment.UserName == "root";

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
