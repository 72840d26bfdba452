// The agent protocol: newline-delimited JSON on the SSH subsystem `pcs-lite`,
// requests `{v, id, method, params}`, answers `{v, id, result}` or `{v, id, error}`.
export const SUBSYSTEM = "pcs-lite";
export const PROTOCOL_VERSION = 1;

export interface RpcRequest {
  v: number;
  id: number;
  method: string;
  params?: unknown;
}

export interface RpcErrorBody {
  code: string;
  message: string;
}

export interface RpcResponse {
  v: number;
  id: number;
  result?: unknown;
  error?: RpcErrorBody;
}

/** An error a handler returns to the caller with a stable code. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Splits a byte stream into lines (one JSON message each). */
export class LineDecoder {
  private buffer = "";

  push(chunk: Buffer | string): string[] {
    this.buffer += chunk.toString();
    const lines = this.buffer.split("\n");
    this.buffer = lines.pop() ?? "";
    return lines.filter((l) => l.trim() !== "");
  }
}

export const encode = (message: RpcRequest | RpcResponse): string => JSON.stringify(message) + "\n";
