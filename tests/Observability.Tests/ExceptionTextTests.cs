using DitCloud.Domain;
using DitCloud.ServiceDefaults.Telemetry;

namespace DitCloud.Observability.Tests;

/// <summary>Exceptions as telemetry may show them: types and frames, no message unless it is one of ours.</summary>
public sealed class ExceptionTextTests
{
    private const string Secret = "9434765919 Jane Doe";

    [Fact]
    public void Recorded_exception_text_keeps_types_and_frames_and_drops_every_message_line()
    {
        var recorded = Thrown(() => Outer()).ToString();
        recorded.ShouldContain(Secret);

        var cleaned = ExceptionText.WithoutMessages(recorded);

        cleaned.ShouldNotContain(Secret);
        cleaned.ShouldNotContain("second line");
        cleaned.ShouldStartWith($"System.InvalidOperationException {ExceptionText.Withheld}");
        cleaned.ShouldContain($" ---> System.FormatException {ExceptionText.Withheld}");
        cleaned.ShouldContain("at DitCloud.Observability.Tests.ExceptionTextTests.Inner()");
        cleaned.ShouldContain("--- End of inner exception stack trace ---");
    }

    [Fact]
    public void A_database_error_header_with_its_hresult_keeps_only_the_type()
    {
        var cleaned = ExceptionText.WithoutMessages($"Npgsql.PostgresException (0x80004005): 22P02: invalid input syntax for type integer: \"{Secret}\"\n   at Npgsql.Internal.NpgsqlConnector.ReadMessage()");

        cleaned.ShouldBe($"Npgsql.PostgresException {ExceptionText.Withheld}\n   at Npgsql.Internal.NpgsqlConnector.ReadMessage()");
    }

    [Fact]
    public void A_first_line_that_is_not_a_type_name_is_dropped()
    {
        ExceptionText.WithoutMessages(Secret).ShouldBeEmpty();
        ExceptionText.WithoutMessages("9434765919").ShouldBeEmpty();
    }

    [Fact]
    public void A_logged_exception_is_replaced_by_its_types_and_frames_but_domain_messages_are_kept()
    {
        var scrubbed = new ScrubbedException(Thrown(() => Outer()));

        scrubbed.Message.ShouldBe($"System.InvalidOperationException {ExceptionText.Withheld}");
        scrubbed.OriginalType.ShouldBe("System.InvalidOperationException");
        scrubbed.ToString().ShouldNotContain(Secret);
        scrubbed.ToString().ShouldContain($" ---> System.FormatException {ExceptionText.Withheld}");
        scrubbed.StackTrace.ShouldNotBeNull().ShouldContain("ExceptionTextTests.Outer()");

        var domain = DomainException.NotFound("referral 42 was not found");
        ExceptionText.IsSafeToShow(domain).ShouldBeTrue();
        ExceptionText.Describe(domain).ShouldStartWith("DitCloud.Domain.DomainException: referral 42 was not found");
        ExceptionText.IsSafeToShow(new AggregateException(domain)).ShouldBeFalse();
    }

    private static void Outer()
    {
        try
        {
            Inner();
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Could not refer {Secret}", e);
        }
    }

    private static void Inner() => throw new FormatException($"The input string '{Secret}' was not in a correct format.\nsecond line {Secret}");

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new InvalidOperationException("The action did not throw.");
    }
}
