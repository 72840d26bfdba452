// The CIB a new cluster starts with: what Pacemaker's controller writes once it is up
// (node entries, cluster-infrastructure, cluster-name, dc-version, have-watchdog).
import { createElement, serializeXml } from "../../cib/xml.js";

export const DC_VERSION = "2.1.5-pcs-lite";

export function initialCib(clusterName: string, nodes: { name: string; nodeid: number }[]): string {
  const cib = createElement("cib", {
    crm_feature_set: "3.16.1",
    "validate-with": "pacemaker-3.9",
    epoch: "5",
    num_updates: "0",
    admin_epoch: "0",
  });
  const configuration = createElement("configuration", {}, cib);
  const crmConfig = createElement("crm_config", {}, configuration);
  const set = createElement("cluster_property_set", { id: "cib-bootstrap-options" }, crmConfig);
  const props: [string, string][] = [
    ["have-watchdog", "false"],
    ["dc-version", DC_VERSION],
    ["cluster-infrastructure", "corosync"],
    ["cluster-name", clusterName],
  ];
  for (const [name, value] of props) createElement("nvpair", { id: `cib-bootstrap-options-${name}`, name, value }, set);
  const nodesEl = createElement("nodes", {}, configuration);
  for (const n of nodes) createElement("node", { id: String(n.nodeid), uname: n.name }, nodesEl);
  createElement("resources", {}, configuration);
  createElement("constraints", {}, configuration);
  createElement("status", {}, cib);
  return serializeXml(cib);
}
