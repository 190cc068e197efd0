/** TensorBoard event files: TFRecord framing with masked CRC-32C, Event/Summary protobufs, scalars. */

export * from "./crc32c.js";
export * from "./eventProto.js";
export * from "./readEventFile.js";
export * from "./tfRecord.js";
