// Until every importer points at src/host/atomic.ts directly.
export * from "../host/atomic.js";
