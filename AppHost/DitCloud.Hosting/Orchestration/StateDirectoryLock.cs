using DitCloud.Hosting.Servers;

namespace DitCloud.Hosting.Orchestration;

/// <summary>
/// Holds an exclusive lock on the state directory for as long as the AppHost runs, so a second
/// AppHost on the same directory stops at once instead of corrupting the first one's data.
/// </summary>
internal sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private StateDirectoryLock(FileStream file) => _file = file;

    public static StateDirectoryLock Acquire(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, "apphost.lock");
        try
        {
            // FileShare.None takes an advisory lock that other .NET processes respect, and the kernel drops it if we die.
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new StateDirectoryLock(file);
        }
        catch (IOException)
        {
            throw new ServerStartException(
                $"The state directory {stateDirectory} is in use by another AppHost. Stop that one, or run this one with " +
                "'--state-dir <another directory>' so the two do not share data.");
        }
    }

    public void Dispose() => _file.Dispose();
}
