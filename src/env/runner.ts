// Until every importer points at src/host/runner.ts directly.
export * from "../host/runner.js";
