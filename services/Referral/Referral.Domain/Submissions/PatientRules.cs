using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>The intake rules for the patient's demographics and contact preferences.</summary>
internal static class PatientRules
{
    private const int MaximumEmailLength = 254;

    public static void Check(PatientDemographics patient, EligibilityPolicy eligibility, DateOnly today, List<FieldViolation> violations)
    {
        if (!NhsNumber.TryParse(patient.NhsNumber, out _, out var nhsFailure))
        {
            violations.Add(new("patient.nhs_number", $"patient.nhs_number {nhsFailure}"));
        }

        CheckName(patient.GivenName, "patient.given_name", violations);
        CheckName(patient.FamilyName, "patient.family_name", violations);

        if (patient.DateOfBirth is { } dateOfBirth)
        {
            violations.AddRange(eligibility.Check(dateOfBirth, today, "patient.date_of_birth"));
        }
        else
        {
            violations.Add(new("patient.date_of_birth", "patient.date_of_birth is required"));
        }

        if (!Postcode.TryParse(patient.Postcode, out _, out var postcodeFailure))
        {
            violations.Add(new("patient.postcode", $"patient.postcode {postcodeFailure}"));
        }

        CheckContact(patient.Contact, violations);
    }

    private static void CheckName(string? name, string field, List<FieldViolation> violations)
    {
        TextRules.CheckRequired(name, field, SubmissionValidator.MaximumNameLength, "give the name as on the GP record", violations);
        if (name is not null && name.Any(char.IsControl))
        {
            violations.Add(new(field, $"{field} must not contain control characters such as line breaks or tabs"));
        }
    }

    private static void CheckContact(ContactPreferences contact, List<FieldViolation> violations)
    {
        const string telephoneField = "patient.contact.telephone";
        const string emailField = "patient.contact.email";

        if (!Enum.IsDefined(contact.PreferredMethod))
        {
            violations.Add(new("patient.contact.preferred_method", "patient.contact.preferred_method is required; choose telephone, text message, email or letter"));
        }

        string? telephone = null;
        if (!string.IsNullOrWhiteSpace(contact.Telephone) && !UkTelephoneNumber.TryNormalise(contact.Telephone, out telephone))
        {
            violations.Add(new(telephoneField, $"{telephoneField} must be a UK number, e.g. 07700 900123 or +44 20 7946 0000"));
        }
        else if (contact.PreferredMethod is ContactMethod.Telephone or ContactMethod.TextMessage && telephone is null)
        {
            violations.Add(new(telephoneField, $"{telephoneField} is required when the preferred contact method is telephone or text message"));
        }
        else if (contact.PreferredMethod is ContactMethod.TextMessage && telephone is not null && !UkTelephoneNumber.IsMobile(telephone))
        {
            violations.Add(new(telephoneField, $"{telephoneField} must be a UK mobile number (07...) to receive text messages; give a mobile or choose another contact method"));
        }

        if (!string.IsNullOrWhiteSpace(contact.Email) && !LooksLikeEmailAddress(contact.Email.Trim()))
        {
            violations.Add(new(emailField, $"{emailField} must be an email address such as name@example.nhs.uk"));
        }
        else if (contact.PreferredMethod is ContactMethod.Email && string.IsNullOrWhiteSpace(contact.Email))
        {
            violations.Add(new(emailField, $"{emailField} is required when the preferred contact method is email"));
        }
    }

    // Deliverability is proved by sending, not by syntax; this only catches the common slips
    // (no @, nothing either side, no dot in the domain, spaces).
    private static bool LooksLikeEmailAddress(string email)
    {
        var at = email.IndexOf('@');
        return email.Length <= MaximumEmailLength
            && at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !email.Any(char.IsWhiteSpace);
    }
}
