// google.rpc.BadRequest, declared here as the minimal message schema connect needs to decode it
// from grpc-status-details-bin (ConnectError.findDetails). The googleapis protos are not in this
// repository and buf cannot fetch them offline, so the schema is built at run time from a
// descriptor with the same package, names and field numbers as google/rpc/error_details.proto
// (FieldViolation's later fields, reason and localized_message, are left out: decoding skips them).
import { create, createFileRegistry, type DescMessage } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  FileDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";

const registry = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "google/rpc/error_details.proto",
    package: "google.rpc",
    syntax: "proto3",
    messageType: [
      {
        name: "BadRequest",
        field: [
          {
            name: "field_violations",
            jsonName: "fieldViolations",
            number: 1,
            label: Label.REPEATED,
            type: Type.MESSAGE,
            typeName: ".google.rpc.BadRequest.FieldViolation",
          },
        ],
        nestedType: [
          {
            name: "FieldViolation",
            field: [
              { name: "field", jsonName: "field", number: 1, label: Label.OPTIONAL, type: Type.STRING },
              { name: "description", jsonName: "description", number: 2, label: Label.OPTIONAL, type: Type.STRING },
            ],
          },
        ],
      },
    ],
  }),
  () => undefined,
);

export const BadRequestSchema = registry.getMessage("google.rpc.BadRequest") as DescMessage;
