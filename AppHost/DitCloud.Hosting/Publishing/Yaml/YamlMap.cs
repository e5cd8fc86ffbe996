using System.Collections;

namespace DitCloud.Hosting.Publishing.Yaml;

/// <summary>
/// A YAML mapping that keeps its keys in the order they were added, so the same model always gives
/// the same bytes. Values are strings, numbers, booleans, <see cref="YamlMap"/> or lists of these.
/// Written as an object initialiser: <c>new YamlMap { ["kind"] = "Service", ["spec"] = new YamlMap { ... } }</c>.
/// </summary>
public sealed class YamlMap : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _entries = [];

    public object this[string key]
    {
        get => _entries.First(e => e.Key == key).Value;
        set
        {
            var index = _entries.FindIndex(e => e.Key == key);
            if (index >= 0) _entries[index] = new(key, value);
            else _entries.Add(new(key, value));
        }
    }

    public int Count => _entries.Count;

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
