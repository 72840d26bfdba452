// The fencer library: what the node agent, the controller and pcs's commands use.
export type { DeviceActionRequest, DeviceActionResult, FenceAction, FenceHistoryEntry, FenceRequest, FenceState } from "./types.js";
export { createFencer, type Fencer, type FencerDeps } from "./fencer.js";
export { runFenceAgent, findFenceAgent, fenceAgentDirs } from "./run-agent.js";
export { runStonithOperation, type StonithOperation, type StonithOperationResult } from "./device-ops.js";
export { createFenceHistory, MAX_HISTORY, type FenceHistory } from "./history.js";
export { fenceDevices, type FenceDevice } from "./devices.js";
export { fencingLevels, type FencingLevel } from "./topology.js";
export { stonithTimeoutMs, configuredNodes } from "./cluster-config.js";
