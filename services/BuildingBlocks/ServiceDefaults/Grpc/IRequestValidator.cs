using DitCloud.Domain;

namespace DitCloud.ServiceDefaults.Grpc;

/// <summary>
/// The rules for one request message, declared once. The validation interceptor runs it before the
/// handler; any violation answers INVALID_ARGUMENT with one google.rpc.BadRequest field violation each.
/// </summary>
public interface IRequestValidator<in TRequest>
{
    IEnumerable<FieldViolation> Validate(TRequest request);
}
