// Whether this host runs Pacemaker: its CIB manager listens on the abstract socket "cib_rw" (libqb
// IPC), which /proc/net/unix lists. Reading that costs no process; whether the CIB then answers is
// found out by the first cibadmin call, as pcs finds it out.
import { readFileSync } from "node:fs";

/** `PCS_LITE_NO_LOCAL_PACEMAKER=1` keeps pcs off the local Pacemaker (to reach it through pcs-agent). */
export const localPacemakerDisabled = (): boolean => ["1", "true", "yes"].includes((process.env.PCS_LITE_NO_LOCAL_PACEMAKER ?? "").toLowerCase());

/** The CIB manager's socket is listening here. */
export function cibSocketListens(table = "/proc/net/unix"): boolean {
  let text: string;
  try {
    text = readFileSync(table, "latin1");
  } catch {
    return false;
  }
  // a listening socket has the __SO_ACCEPTCON flag (00010000); libqb pads abstract names with '@'
  return /^\S+: \S+ \S+ 00010000 \S+ \S+ \S+ @cib_rw@*$/m.test(text);
}

/** Pacemaker runs on this host and pcs is to use it. */
export const useLocalPacemaker = (): boolean => !localPacemakerDisabled() && cibSocketListens();
