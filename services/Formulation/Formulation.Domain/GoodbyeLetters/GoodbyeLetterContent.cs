namespace DitCloud.Formulation.Domain.GoodbyeLetters;

/// <summary>What the practitioner writes in the goodbye letter besides the agreed formulation.</summary>
/// <param name="ProgressMade">What changed during the therapy.</param>
/// <param name="WhatToWatchFor">Signs that the old pattern is returning.</param>
/// <param name="ManagingSetbacks">How the patient can manage setbacks on their own.</param>
public sealed record GoodbyeLetterContent(string ProgressMade, string WhatToWatchFor, string ManagingSetbacks)
{
    internal void ValidateLengths() => CheckLengths(new RequestCheck()).ThrowIfAny();

    internal void ValidateComplete() =>
        CheckLengths(new RequestCheck())
            .RequiredText("letter.progress_made", ProgressMade, TextLimits.GoodbyeLetterSection)
            .RequiredText("letter.what_to_watch_for", WhatToWatchFor, TextLimits.GoodbyeLetterSection)
            .RequiredText("letter.managing_setbacks", ManagingSetbacks, TextLimits.GoodbyeLetterSection)
            .ThrowIfAny();

    private RequestCheck CheckLengths(RequestCheck check) =>
        check
            .OptionalText("letter.progress_made", ProgressMade, TextLimits.GoodbyeLetterSection)
            .OptionalText("letter.what_to_watch_for", WhatToWatchFor, TextLimits.GoodbyeLetterSection)
            .OptionalText("letter.managing_setbacks", ManagingSetbacks, TextLimits.GoodbyeLetterSection);
}
