import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const auth = () => import("../../commands/host/auth.js");

export const hostArea: Area = {
  name: "host",
  summary: "Manage hosts known to pcs.",
  routes: [
    {
      path: ["host", "auth"],
      synopsis: "auth (<host name> [addr=<address>[:<port>]])... [-u <username>] [-p <password>]",
      help:
        "Authenticate this pcs to pcs-agent on the given hosts. The host's SSH host key is printed and pinned: a " +
        "host that later offers a different key is refused. The password of user 'hacluster' is used once, to " +
        "install this client's key on the host; it is asked for on a terminal when -u or -p is missing. The port " +
        "defaults to 2224; the address defaults to the host name.",
      options: ["-u", "-p"],
      complete: ["node"],
      run: lazy(auth, (m) => m.hostAuthCommand),
    },
    {
      path: ["host", "deauth"],
      synopsis: "deauth [<host name>...]",
      help: "Forget the given hosts (their addresses and pinned host keys). Without a host name, forget all hosts.",
      complete: ["node"],
      run: lazy(auth, (m) => m.hostDeauthCommand),
    },
  ],
};
