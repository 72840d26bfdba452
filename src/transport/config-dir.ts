// The CLI's state (PCS_CONFIG_DIR): known hosts (name -> address, port, pinned host key),
// the client key pair, and the cluster this configuration talks to.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../host/atomic.js";

export const DEFAULT_AGENT_PORT = 2224;

export interface KnownHost {
  host: string;
  port: number;
  fingerprint: string;
}

export interface LocalCluster {
  name: string;
  nodes: string[];
}

export function configDir(): string {
  if (process.env.PCS_CONFIG_DIR) return process.env.PCS_CONFIG_DIR;
  if (process.getuid?.() === 0) return "/var/lib/pcs-lite";
  return join(homedir(), ".config", "pcs-lite");
}

export const knownHostsFile = (): string => join(configDir(), "known-hosts.json");
const clusterFile = () => join(configDir(), "cluster.json");

function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return fallback;
  }
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(configDir(), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n", 0o600);
}

export const readKnownHosts = (): Record<string, KnownHost> => readJson(knownHostsFile(), {} as Record<string, KnownHost>);
export const writeKnownHosts = (hosts: Record<string, KnownHost>): void => writeJson(knownHostsFile(), hosts);

export const readLocalCluster = (): LocalCluster | undefined => readJson<LocalCluster | undefined>(clusterFile(), undefined);
export const writeLocalCluster = (cluster: LocalCluster | undefined): void => {
  if (cluster) writeJson(clusterFile(), cluster);
  else writeJson(clusterFile(), null);
};

/** `host[:port]`, `[v6addr]:port` or a bare IPv6 address. */
export function parseAddress(text: string): { host: string; port: number } | undefined {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracket) return { host: bracket[1], port: bracket[2] ? Number(bracket[2]) : DEFAULT_AGENT_PORT };
  const colons = (text.match(/:/g) ?? []).length;
  if (colons > 1) return { host: text, port: DEFAULT_AGENT_PORT };
  const m = /^([^:]+)(?::(\d+))?$/.exec(text);
  if (!m) return undefined;
  const port = m[2] ? Number(m[2]) : DEFAULT_AGENT_PORT;
  if (port < 1 || port > 65535) return undefined;
  return { host: m[1], port };
}
