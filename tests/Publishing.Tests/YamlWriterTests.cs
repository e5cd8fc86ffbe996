using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Publishing.Tests;

public sealed class YamlWriterTests
{
    [Fact]
    public void Strings_a_reader_could_take_for_something_else_are_quoted()
    {
        var yaml = YamlWriter.Write(new YamlMap
        {
            ["word"] = "referral-db",
            ["number"] = "8080",
            ["boolean"] = "true",
            ["yes"] = "yes",
            ["null"] = "null",
            ["quantity"] = "500m",
            ["colon"] = "a: b",
            ["quote"] = "say \"hi\"\\",
            ["empty"] = "",
            ["integer"] = 3,
            ["flag"] = false,
        });

        yaml.ShouldBe("""
            word: referral-db
            number: "8080"
            boolean: "true"
            "yes": "yes"
            "null": "null"
            quantity: "500m"
            colon: "a: b"
            quote: "say \"hi\"\\"
            empty: ""
            integer: 3
            flag: false

            """.Replace("\r", ""));
    }

    [Fact]
    public void Lists_of_maps_nested_maps_and_multi_line_strings_are_written_in_block_style()
    {
        var yaml = YamlWriter.Write(new YamlMap
        {
            ["items"] = new[]
            {
                new YamlMap { ["name"] = "a", ["ports"] = new[] { 1, 2 } },
                new YamlMap { ["name"] = "b", ["empty"] = new YamlMap(), ["none"] = Array.Empty<string>() },
            },
            ["config"] = "first = 1\nsecond = 2\n",
        });

        yaml.ShouldBe("""
            items:
              - name: a
                ports:
                  - 1
                  - 2
              - name: b
                empty: {}
                none: []
            config: |
              first = 1
              second = 2

            """.Replace("\r", ""));
    }

    [Fact]
    public void Documents_are_separated()
    {
        YamlWriter.Write([new YamlMap { ["a"] = "x" }, new YamlMap { ["b"] = "z" }]).ShouldBe("a: x\n---\nb: z\n");
    }
}
