// SSH keys: ed25519 pairs in OpenSSH format, SHA256 fingerprints as ssh-keygen -l prints them.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import keygen from "ssh2/lib/keygen.js";
import keyParser from "ssh2/lib/protocol/keyParser.js";
import { writeFileAtomic } from "../host/atomic.js";
import { configDir } from "./config-dir.js";
import { fingerprintOfBlob } from "./fingerprint.js";

export interface KeyPair {
  private: string;
  public: string;
}

export function generateKeyPair(comment = "pcs-lite"): KeyPair {
  // about one ed25519 key in 150 that ssh2 generates, its own parser refuses ("Malformed OpenSSH
  // private key"): such a key would make an agent or the CLI unable to connect, so draw again
  for (;;) {
    const pair = keygen.generateKeyPairSync("ed25519", { comment });
    if (!(keyParser.parseKey(pair.private) instanceof Error)) return { private: pair.private, public: pair.public };
  }
}

/** The wire blob of an OpenSSH public (or private) key text. */
export function publicBlob(keyText: string): Buffer {
  const parsed = keyParser.parseKey(keyText);
  if (parsed instanceof Error) throw parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key.getPublicSSH();
}

/** The SSH blobs of the keys that parse (a damaged line of authorized_keys is no key, not an error). */
export function publicBlobs(keyTexts: readonly string[]): Buffer[] {
  return keyTexts.flatMap((k) => {
    try {
      return [publicBlob(k)];
    } catch {
      return [];
    }
  });
}

export const fingerprintOfKey = (keyText: string): string => fingerprintOfBlob(publicBlob(keyText));

/** Load the pair stored at `file` (+ `file.pub`), creating it (mode 0600) on first use. */
export function loadOrCreateKeyPair(file: string, comment?: string): KeyPair {
  if (existsSync(file) && existsSync(file + ".pub")) {
    return { private: readFileSync(file, "utf8"), public: readFileSync(file + ".pub", "utf8").trim() };
  }
  const pair = generateKeyPair(comment);
  writeFileAtomic(file, pair.private, 0o600);
  writeFileAtomic(file + ".pub", pair.public + "\n", 0o644);
  return pair;
}

/** The CLI's own key pair (created on first use), which nodes authorize at `host auth`. */
export function clientKey(): KeyPair {
  mkdirSync(configDir(), { recursive: true, mode: 0o700 });
  return loadOrCreateKeyPair(join(configDir(), "client_key"), "pcs-lite client");
}
