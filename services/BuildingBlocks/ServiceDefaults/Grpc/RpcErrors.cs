using DitCloud.Domain;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace DitCloud.ServiceDefaults.Grpc;

/// <summary>Turns domain failures into gRPC statuses with rich details (google.rpc.Status).</summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(IReadOnlyCollection<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var message = violations.Count == 1
            ? $"{violations.First().Field}: {violations.First().Description}"
            : $"{violations.Count} fields are invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    public static RpcException From(DomainException error) => error.Kind switch
    {
        DomainErrorKind.InvalidArgument when error.Violations.Count > 0 => InvalidArgument([.. error.Violations]),
        _ => new RpcException(new global::Grpc.Core.Status(StatusFor(error.Kind), error.Message)),
    };

    public static StatusCode StatusFor(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        DomainErrorKind.NotFound => StatusCode.NotFound,
        DomainErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        DomainErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        DomainErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        DomainErrorKind.Aborted => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };
}
