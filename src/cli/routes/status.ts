import { lazy } from "../lazy.js";
import type { Area, Route } from "../route-types.js";
import { withUsage } from "./usage-wrap.js";

const status = () => import("../../commands/status/status.js");
const fullStatus = () => import("../../commands/status/full-status.js");
const views = () => import("../../commands/status/views.js");

const liveView = (word: string, synopsis: string, help: string, options: string[] = []): Route => ({
  path: ["status", word],
  synopsis,
  help: `${help} Needs a running cluster (not available with -f).`,
  options,
  complete: [],
  run: withUsage(lazy(views, (m) => m.statusLiveViewCommand)),
});

export const statusArea: Area = {
  name: "status",
  summary: "View cluster status.",
  defaultPath: ["status", "status"],
  routes: [
    {
      path: ["status", "status"],
      synopsis: "[status] [--full] [--hide-inactive]",
      help:
        "Show the cluster name, warnings about the configuration (fencing, leftover move constraints), and the " +
        "cluster's nodes and resources as recorded in the CIB's status section. --full adds node details and " +
        "attributes, fail counts, the whole fencing history and the tickets; --hide-inactive leaves out resources " +
        "that are not running. With -f, --corosync_conf must name the cluster's corosync.conf.",
      options: ["--full", "--hide-inactive"],
      complete: [],
      run: withUsage(lazy(fullStatus, (m) => m.statusCommand)),
    },
    {
      path: ["status", "resources"],
      synopsis: "resources [<resource id | tag id>] [node=<node>] [--hide-inactive]",
      help:
        "Show status of all currently configured resources. If --hide-inactive is specified, only show active resources. " +
        "If a resource or tag id is specified, only show status of the specified resource or resources in the specified " +
        "tag. If node is specified, only show status of resources configured for the specified node.",
      options: ["--hide-inactive"],
      complete: ["resource"],
      run: withUsage(lazy(status, (m) => m.resourceStatusCommand)),
    },
    {
      path: ["status", "cluster"],
      synopsis: "cluster",
      help: "Show the cluster summary and the nodes' states.",
      complete: [],
      run: withUsage(lazy(views, (m) => m.statusClusterCommand)),
    },
    {
      path: ["status", "nodes"],
      synopsis: "nodes [corosync | both | config]",
      help:
        "Show the nodes grouped by their state (online, standby, maintenance, offline). With 'config', list the " +
        "nodes of corosync.conf (--corosync_conf, else /etc/corosync/corosync.conf) and of the CIB; 'corosync' and " +
        "'both' show corosync's membership and need a running cluster.",
      complete: [["corosync", "both", "config"]],
      run: lazy(status, (m) => m.statusNodesCommand),
    },
    {
      path: ["status", "xml"],
      synopsis: "xml",
      help: "View xml version of status (output from crm_mon -r -1 -X).",
      complete: [],
      run: withUsage(lazy(views, (m) => m.statusXmlCommand)),
    },
    {
      path: ["status", "quorum"],
      synopsis: "quorum",
      help: "Show the quorum runtime status (as 'pcs quorum status'). Needs a running cluster (not available with -f).",
      complete: [],
      run: withUsage(lazy(views, (m) => m.statusQuorumCommand)),
    },
    liveView("corosync", "corosync", "Show the membership as corosync sees it."),
    liveView("pcsd", "pcsd [<node>]...", "Show the status of pcsd on the nodes given, or on all the cluster's nodes.", ["--request-timeout"]),
    liveView("booth", "booth", "Show the status of booth on this node."),
    liveView("qdevice", "qdevice <device model> [--full] [<cluster name>]", "Show the runtime status of a quorum device provider.", ["--full"]),
  ],
};
