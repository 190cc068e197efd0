import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { InputError } from "../units/InputError.js";

/** True when MODEL names an ONNX graph (`scalecast workload model.onnx`). */
export function isOnnxModel(ref: string | undefined): ref is string {
  return ref !== undefined && /\.onnx$/i.test(ref);
}

/**
 * The bytes of an .onnx file. Only the protobuf itself is read: a large model keeps its weights in
 * external-data side files, which are never opened (the graph needs their dims only). Only a regular
 * file is read: a directory, a FIFO or a device (/dev/zero) is an InputError, never a hang or an
 * endless read. The file is opened non-blocking (a FIFO with no writer would block the open itself)
 * and checked on the open descriptor, so a path swapped after the check cannot slip through.
 */
export function readOnnxBytes(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: string }).code ?? "unreadable";
    throw new InputError("MODEL", path, `a readable .onnx file (${code})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const kind = st.isDirectory()
        ? "a directory"
        : st.isFIFO()
          ? "a FIFO"
          : st.isCharacterDevice() || st.isBlockDevice()
            ? "a device"
            : st.isSocket()
              ? "a socket"
              : "not a regular file";
      throw new InputError("MODEL", path, `a regular .onnx file (this is ${kind})`);
    }
    return readFileSync(fd);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as { code?: string }).code ?? "unreadable";
    throw new InputError("MODEL", path, `a readable .onnx file (${code})`);
  } finally {
    closeSync(fd);
  }
}
