namespace DitCloud.Testing;

/// <summary>A private state directory for one test's servers, removed afterwards.</summary>
public sealed class TempState : IDisposable
{
    public TempState()
    {
        Path = Directory.CreateTempSubdirectory("ditcloud-test-").FullName;
        // PostgreSQL runs as its own user when we are root, and must be able to reach its data below here.
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public string For(string resource) => System.IO.Path.Combine(Path, resource);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
