// A CIB change counts once a majority holds it: send it to every other member at once and settle
// when enough have stored it (a short grace lets the slower members catch up too, so every node
// answers the same right after), or fail when too many cannot.
import { RpcError } from "../../transport/protocol.js";

export interface Replication {
  /** The other members to send to. */
  targets: string[];
  /** How many of them must store it (the majority, us excluded). */
  need: number;
  /** Store the change on one member; rejects when it did not. */
  send(name: string): Promise<void>;
}

const GRACE_MS = 200;

export function replicateToMajority({ targets, need, send }: Replication): Promise<void> {
  const noQuorum = () => new RpcError("NO_QUORUM", "the change could not be stored on a majority of nodes");
  if (!targets.length) return need > 0 ? Promise.reject(noQuorum()) : Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let ok = 0;
    let failed = 0;
    let grace: NodeJS.Timeout | undefined;
    const check = () => {
      if (ok === targets.length) {
        clearTimeout(grace);
        resolve();
      } else if (ok >= need && !grace) grace = setTimeout(resolve, GRACE_MS);
      else if (targets.length - failed < need) reject(noQuorum());
    };
    for (const name of targets) {
      send(name).then(
        () => {
          ok++;
          check();
        },
        () => {
          failed++;
          check();
        },
      );
    }
    check();
  });
}
