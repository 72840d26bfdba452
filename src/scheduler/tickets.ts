// Tickets (rsc_ticket): a resource that depends on a ticket may run only while the ticket is granted
// and not in standby. Losing it applies the constraint's loss-policy to what still runs: stop, demote,
// fence its nodes, or freeze it where it is. As Pacemaker 2.1's pcmk_sched_tickets.c decides.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { referenceGroups } from "./constraints.js";
import { parseRole } from "./unpack.js";
import type { Cluster, Resource, Role } from "./types.js";
import { isTrue } from "./score.js";

interface TicketState {
  granted: boolean;
  standby: boolean;
}

type LossPolicy = "stop" | "demote" | "fence" | "freeze";

interface RscTicket {
  rsc: Resource;
  ticket: TicketState;
  /** undefined: any role ("Started" means any). */
  role?: Role;
  loss: LossPolicy;
}


function ticketStates(cib: XmlElement): Map<string, TicketState> {
  const out = new Map<string, TicketState>();
  const status = firstChild(cib, "status");
  const tickets = status && firstChild(status, "tickets");
  for (const t of tickets ? childElements(tickets, "ticket_state") : []) {
    if (t.attrs.id) out.set(t.attrs.id, { granted: isTrue(t.attrs.granted), standby: isTrue(t.attrs.standby) });
  }
  return out;
}

function lossPolicy(value: string | undefined, role: Role | undefined, cluster: Cluster): LossPolicy {
  const v = value?.toLowerCase();
  // fencing on loss needs fencing enabled; Pacemaker falls back to stop
  if (v === "fence") return cluster.options.stonithEnabled ? "fence" : "stop";
  if (v === "freeze" || v === "demote" || v === "stop") return v;
  return role === "Promoted" ? "demote" : "stop";
}

function unpackRscTickets(cib: XmlElement, cluster: Cluster, tags: Map<string, string[]>): RscTicket[] {
  const config = firstChild(cib, "configuration");
  const cons = config && firstChild(config, "constraints");
  if (!cons) return [];
  const states = ticketStates(cib);
  const out: RscTicket[] = [];
  const resolve = (id: string | undefined) => (id === undefined ? [] : (tags.get(id) ?? [id]).map((i) => cluster.byId.get(i)).filter((r): r is Resource => !!r));
  for (const c of childElements(cons, "rsc_ticket")) {
    const name = c.attrs.ticket;
    if (!name) continue;
    // a ticket without state is known, and not granted
    const ticket = states.get(name) ?? { granted: false, standby: false };
    const add = (rsc: Resource, roleText: string | undefined) => {
      const parsed = parseRole(roleText);
      const role = parsed === "Started" ? undefined : parsed;
      out.push({ rsc, ticket, role, loss: lossPolicy(c.attrs["loss-policy"], role, cluster) });
    };
    const sets = childElements(c, "resource_set");
    if (sets.length) {
      for (const set of sets) for (const ref of childElements(set, "resource_ref")) for (const r of resolve(ref.attrs.id)) add(r, set.attrs.role);
    } else for (const r of resolve(c.attrs.rsc)) add(r, c.attrs["rsc-role"]);
  }
  return out;
}

const leaves = (r: Resource): Resource[] => (r.variant === "primitive" ? [r] : r.children.flatMap(leaves));

function banEverywhere(rsc: Resource, cluster: Cluster): void {
  for (const n of cluster.nodes) rsc.banned.add(n.uname);
}

function applyLoss(rt: RscTicket, cluster: Cluster): void {
  const { ticket, role, loss } = rt;
  const roleMatches = (leaf: Resource) => role === undefined || leaf.role === role;
  for (const leaf of leaves(rt.rsc)) {
    const running = leaf.running.length > 0;
    if (!ticket.granted && running) {
      if (loss === "stop" || (loss === "demote" && role !== "Promoted")) banEverywhere(leaf, cluster);
      else if (loss === "fence" && roleMatches(leaf)) {
        banEverywhere(leaf, cluster);
        for (const n of leaf.running) {
          if (n.unclean) continue;
          n.unclean = true;
          n.fenceReason = "deadman ticket was lost";
        }
      } else if (loss === "freeze" && roleMatches(leaf)) {
        leaf.managed = false;
      }
    } else if (role !== "Promoted" || loss === "stop") banEverywhere(leaf, cluster);
  }
}

/** Bans, fencing and freezing for the tickets that are not granted or in standby; a promotable clone
 * that needs a ticket for its promoted role cannot promote without it. */
export function applyTickets(cib: XmlElement, cluster: Cluster): void {
  for (const rt of unpackRscTickets(cib, cluster, referenceGroups(cib))) {
    if (rt.ticket.granted && !rt.ticket.standby) continue;
    applyLoss(rt, cluster);
    if (rt.role === "Promoted" && rt.rsc.variant === "clone") rt.rsc.promotionBanned = true;
  }
}
