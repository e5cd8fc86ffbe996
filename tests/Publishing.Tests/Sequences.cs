namespace DitCloud.Publishing.Tests;

internal static class Sequences
{
    /// <summary>The lines appear one after another, in this order, somewhere in the list.</summary>
    public static void ShouldContainSequence(this List<string> lines, string[] expected)
    {
        for (var start = 0; start + expected.Length <= lines.Count; start++)
        {
            if (lines.Skip(start).Take(expected.Length).SequenceEqual(expected)) return;
        }
        throw new Xunit.Sdk.XunitException($"These lines do not appear together:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}");
    }
}
