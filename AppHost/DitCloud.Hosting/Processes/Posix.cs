using System.Runtime.InteropServices;

namespace DitCloud.Hosting.Processes;

/// <summary>The few POSIX calls .NET's Process does not offer: sending a chosen signal, and who we run as.</summary>
public static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    public static bool IsRoot => GetEuid() == 0;

    /// <summary>Sends a signal; false when the process is already gone.</summary>
    public static bool Signal(int pid, int signal)
    {
        // kill(2) with 0 or a negative pid signals whole process groups, or every process we may signal.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        return Kill(pid, signal) == 0;
    }

    /// <summary>Every live descendant of <paramref name="pid"/>, read from /proc.</summary>
    public static IReadOnlyList<ProcessIdentity> Descendants(int pid)
    {
        var children = new Dictionary<int, List<ProcessIdentity>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate)) continue;
            if (ReadStat(candidate) is not { } stat || stat.State == 'Z') continue;
            if (!children.TryGetValue(stat.ParentPid, out var list)) children[stat.ParentPid] = list = [];
            list.Add(new ProcessIdentity(candidate, stat.StartTime));
        }

        var result = new List<ProcessIdentity>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var current))
        {
            if (!children.TryGetValue(current, out var kids)) continue;
            foreach (var kid in kids)
            {
                result.Add(kid);
                queue.Enqueue(kid.Pid);
            }
        }
        return result;
    }

    /// <summary>The identity of a live process now, or null when it is gone.</summary>
    public static ProcessIdentity? Identify(int pid) =>
        ReadStat(pid) is { State: not 'Z' } stat ? new ProcessIdentity(pid, stat.StartTime) : null;

    /// <summary>True while this very process lives (a reused pid has another start time).</summary>
    public static bool IsAlive(ProcessIdentity process) => Identify(process.Pid) == process;

    private static (char State, int ParentPid, ulong StartTime)? ReadStat(int pid)
    {
        try
        {
            // Format: pid (comm) state ppid ...; comm may contain spaces and parentheses.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            var fields = text[(close + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1]), ulong.Parse(fields[19]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>A process told apart from a later one that reuses its pid, by its start time.</summary>
public readonly record struct ProcessIdentity(int Pid, ulong StartTime);
