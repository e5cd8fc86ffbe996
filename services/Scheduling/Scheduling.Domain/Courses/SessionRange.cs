namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>Session numbers First to Last, inclusive, counting from 1.</summary>
public sealed record SessionRange(int First, int Last)
{
    public bool Contains(int session) => First <= session && session <= Last;

    public override string ToString() => $"{First}-{Last}";
}
