using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DitCloud.ServiceDefaults;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// The one way settings are bound: from the configuration section, checked with the class's data
    /// annotations when the host starts. A missing or bad setting stops the process with a message
    /// naming the setting (as a configuration key and as an environment variable) and the fix.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(section));
        return builder.Services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    private sealed class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }
            return ValidateOptionsResult.Fail(results.Select(result =>
            {
                var member = result.MemberNames.FirstOrDefault() ?? "";
                var key = $"{section}:{member}";
                return $"Setting '{key}' is missing or invalid: {result.ErrorMessage} " +
                       $"Set it in appsettings.json or as the environment variable {key.Replace(":", "__")}.";
            }));
        }
    }
}
