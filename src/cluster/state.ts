// The agent's state directory: host key, password hash, authorized keys, cluster files, CIB.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../host/atomic.js";
import { loadOrCreateKeyPair, publicBlob, type KeyPair } from "../transport/keys.js";

export interface PeerEndpoint {
  name: string;
  host: string;
  port: number;
  fingerprint: string;
}

/** What `cluster setup` leaves on a node besides corosync.conf: its own name and how to reach peers. */
export interface PeerFile {
  localName: string;
  peers: PeerEndpoint[];
}

export function stateFiles(dir: string) {
  return {
    dir,
    hostKey: join(dir, "ssh_host_ed25519_key"),
    password: join(dir, "password"),
    authorizedKeys: join(dir, "authorized_keys"),
    clusterKey: join(dir, "cluster_key"),
    corosync: join(dir, "corosync.conf"),
    peers: join(dir, "peers.json"),
    cib: join(dir, "cib.xml"),
    started: join(dir, "started"),
    /** present: the agent starts the cluster whenever it starts (pcs cluster enable) */
    enabled: join(dir, "enabled"),
  };
}
export type StateFiles = ReturnType<typeof stateFiles>;

export function ensureStateDir(dir: string): StateFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return stateFiles(dir);
}

export const hostKeyPair = (files: StateFiles): KeyPair => loadOrCreateKeyPair(files.hostKey, "pcs-agent host key");

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function setPassword(files: StateFiles, password: string): Promise<void> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt);
  const line = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}\n`;
  writeFileAtomic(files.password, line, 0o600);
}

export async function checkPassword(files: StateFiles, user: string, password: string): Promise<boolean> {
  if (user !== "hacluster" || !existsSync(files.password)) return false;
  const [kind, , , , salt, hash] = readFileSync(files.password, "utf8").trim().split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64"));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function readAuthorizedKeys(files: StateFiles): string[] {
  if (!existsSync(files.authorizedKeys)) return [];
  return readFileSync(files.authorizedKeys, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

export function addAuthorizedKey(files: StateFiles, publicKey: string): void {
  const line = publicKey.trim();
  publicBlob(line); // refuse anything that is not a public key
  const keys = readAuthorizedKeys(files);
  if (!keys.includes(line)) writeFileAtomic(files.authorizedKeys, [...keys, line].join("\n") + "\n", 0o600);
}

export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

export function removeClusterFiles(files: StateFiles): void {
  for (const f of [files.corosync, files.peers, files.cib, files.started, files.enabled, files.clusterKey, files.clusterKey + ".pub"]) rmSync(f, { force: true });
}

/** pcs cluster enable / disable on this node. */
export function setEnabled(files: StateFiles, enabled: boolean): void {
  if (enabled) writeFileAtomic(files.enabled, "", 0o644);
  else rmSync(files.enabled, { force: true });
}

/** Whether a starting agent starts the cluster: it is enabled, or it ran when the agent last stopped. */
export const startsWithAgent = (files: StateFiles): boolean => existsSync(files.enabled) || existsSync(files.started);
