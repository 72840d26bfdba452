// Host key fingerprints as ssh-keygen -l prints them; no SSH code needed.
import { createHash } from "node:crypto";

/** `SHA256:<base64 without padding>` of a public key blob (the wire form of the key). */
export function fingerprintOfBlob(blob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(blob).digest("base64").replace(/=+$/, "");
}
