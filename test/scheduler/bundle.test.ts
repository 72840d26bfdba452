// Bundles: each replica is a container primitive with an optional address and, when the bundle holds
// a primitive, a connection making guest node "<bundle>-<n>" that runs instance n of the inner clone.
// Expected summaries checked against crm_simulate 2.1.5.
import { parseXml } from "../../src/cib/xml-parse";
import { expandBundles } from "../../src/scheduler/bundle-xml";
import { schedule, transitionSummary } from "../../src/scheduler/index";
import { transitionGraph } from "../../src/scheduler/graph";
import { before, keyOf } from "./graph-query";
import { paramsDigest } from "../../src/scheduler/digest";
import { childElements, firstChild, type XmlElement } from "../../src/cib/xml";
import { buildCib, type CibSpec } from "./build-cib";

const NOW = Date.UTC(2024, 0, 1);
const summaryOf = (spec: CibSpec): string[] => transitionSummary(schedule(parseXml(buildCib(spec)), NOW)).map((l) => l.trim().split(/\s+/).join(" "));

const web =
  `<bundle id="web"><docker image="img:1" replicas="2" network="bridge"/>` +
  `<network ip-range-start="10.0.0.10" control-port="3121"><port-mapping id="web-port" port="80"/></network>` +
  `<primitive id="httpd" class="ocf" provider="heartbeat" type="apache"><operations><op id="httpd-mon" name="monitor" interval="10s"/></operations></primitive></bundle>`;
const db =
  `<bundle id="db"><podman image="img:2" replicas="2" promoted-max="1"/><network control-port="3123"/>` +
  `<primitive id="pg" class="ocf" provider="heartbeat" type="pgsql"><meta_attributes id="pg-meta"><nvpair id="pg-n" name="notify" value="true"/></meta_attributes></primitive></bundle>`;
const d1 = `<primitive id="d1" class="ocf" provider="heartbeat" type="Dummy"/>`;
const plain = `<bundle id="plain"><podman image="img:2" replicas="2"/></bundle>`;
const ocf = (provider: string, type: string) => `class="ocf" provider="${provider}" type="${type}"`;
const twoNodes = [{ name: "n1" }, { name: "n2" }];

function params(cib: XmlElement, id: string): Map<string, string> {
  const resources = firstChild(firstChild(cib, "configuration") as XmlElement, "resources") as XmlElement;
  const find = (e: XmlElement): XmlElement | undefined => (e.attrs.id === id ? e : e.children.map(find).find(Boolean));
  const rsc = find(resources) as XmlElement;
  const set = firstChild(rsc, "instance_attributes") as XmlElement;
  return new Map(childElements(set, "nvpair").map((nv) => [nv.attrs.name, nv.attrs.value]));
}

describe("bundles", () => {
  test("replicas expand into containers, addresses, connections and inner instances", () => {
    expect(summaryOf({ nodes: twoNodes, resources: web + plain }).sort()).toEqual(
      [
        "* Start web-ip-10.0.0.10 ( n1 )",
        "* Start web-docker-0 ( n1 )",
        "* Start web-0 ( n1 )",
        "* Start httpd:0 ( web-0 )",
        "* Start web-ip-10.0.0.11 ( n2 )",
        "* Start web-docker-1 ( n2 )",
        "* Start web-1 ( n2 )",
        "* Start httpd:1 ( web-1 )",
        "* Start plain-podman-0 ( n1 )",
        "* Start plain-podman-1 ( n2 )",
      ].sort(),
    );
  });

  test("a replica whose container cannot run keeps its connection placed, its starts blocked", () => {
    const lines = summaryOf({ nodes: twoNodes, resources: web, constraints: `<rsc_location id="l1" rsc="web" node="n2" score="-INFINITY"/>` });
    expect(lines.sort()).toEqual(
      [
        "* Start web-ip-10.0.0.10 ( n1 )",
        "* Start web-docker-0 ( n1 )",
        "* Start web-0 ( n1 )",
        "* Start httpd:0 ( web-0 )",
        "* Start web-1 ( n2 ) due to unrunnable web-docker-1 start (blocked)",
        "* Start httpd:1 ( web-1 ) due to unrunnable web-docker-1 start (blocked)",
      ].sort(),
    );
  });

  test("a running replica stays on its node; history on its guest node is read", () => {
    // the test CIB's digests never match: the running replica restarts where it is
    const ops = [
      { rsc: "web-docker-0", node: "n2", op: "start", call: 1, agent: ocf("heartbeat", "docker") },
      { rsc: "web-ip-10.0.0.10", node: "n2", op: "start", call: 2, agent: ocf("heartbeat", "IPaddr2") },
      { rsc: "web-0", node: "n2", op: "start", call: 3, agent: ocf("pacemaker", "remote") },
      { rsc: "httpd", node: "web-0", op: "start", call: 4 },
    ];
    const lines = summaryOf({ nodes: [...twoNodes, { name: "web-0", remote: true }], resources: web, ops });
    expect(lines).toEqual(
      expect.arrayContaining([
        "* Restart web-ip-10.0.0.10 ( n2 ) due to resource definition change",
        "* Restart web-docker-0 ( n2 ) due to resource definition change",
        "* Restart web-0 ( n2 ) due to resource definition change",
        "* Start web-ip-10.0.0.11 ( n1 )",
        "* Start web-docker-1 ( n1 )",
        "* Start web-1 ( n1 )",
        "* Start httpd:1 ( web-1 )",
      ]),
    );
    expect(lines.some((l) => l.includes("Start httpd:0"))).toBe(false);
  });

  test("container parameters are generated as Pacemaker does", () => {
    const cib = expandBundles(parseXml(buildCib({ nodes: twoNodes, resources: web })));
    const docker = params(cib, "web-docker-1");
    expect(docker.get("run_opts")).toBe(
      " --restart=no -h web-1 -e PCMK_stderr=1 --net=bridge -e PCMK_remote_port=3121" +
        " -v /etc/pacemaker/authkey:/etc/pacemaker/authkey -v /var/log/pacemaker/bundles/web-1:/var/log" +
        " -p 10.0.0.11:80:80 -p 10.0.0.11:3121:3121  --add-host=web-0:10.0.0.10 --add-host=web-1:10.0.0.11",
    );
    expect(docker.get("mount_points")).toBe("/var/log/pacemaker/bundles/web-1");
    expect(docker.get("run_cmd")).toBe("/usr/sbin/pacemaker-remoted");
    expect(params(cib, "web-ip-10.0.0.11").get("cidr_netmask")).toBe("32");
    expect(params(cib, "web-1").get("addr")).toBe("10.0.0.11");
  });

  test("a connection reaching its container by #uname is checked against the container's host, known once every history is read", () => {
    const nest = `<bundle id="nest"><docker image="img:3" replicas="1"/><network control-port="3123"/><primitive id="app" ${ocf("heartbeat", "Dummy")}/></bundle>`;
    const r1 = `<primitive id="r1" ${ocf("pacemaker", "remote")}/>`;
    const nodes = [...twoNodes, { name: "r1", remote: true }, { name: "nest-0", remote: true }];
    const generated = expandBundles(parseXml(buildCib({ nodes, resources: r1 + nest })));
    const digest = (m: Map<string, string>) => ({ "op-digest": paramsDigest(m) });
    // the container runs on remote node r1 (its history comes after the cluster nodes'), its connection on n1
    const ops = [
      { rsc: "r1", node: "n1", op: "start", call: 1, attrs: digest(new Map()) },
      { rsc: "nest-docker-0", node: "r1", op: "start", call: 2, agent: ocf("heartbeat", "docker"), attrs: digest(params(generated, "nest-docker-0")) },
      { rsc: "nest-0", node: "n1", op: "start", call: 3, agent: ocf("pacemaker", "remote"), attrs: digest(new Map([["addr", "r1"], ["port", "3123"]])) },
    ];
    const conn = schedule(parseXml(buildCib({ nodes, resources: r1 + nest, ops })), NOW).cluster.byId.get("nest-0");
    expect(conn?.running.map((n) => n.uname)).toEqual(["n1"]);
    expect(!!conn?.reload || !!conn?.definitionChanged).toBe(false);
  });

  test("with container-attribute-target=host, an inner instance's promotion score is its container's host's", () => {
    const target = `<meta_attributes id="pg-meta"><nvpair id="pg-t" name="container-attribute-target" value="host"/></meta_attributes>`;
    const promotable = db.replace(/<meta_attributes id="pg-meta">.*?<\/meta_attributes>/, target).replace('type="pgsql"', 'type="Stateful"');
    const nodes = [{ name: "n1" }, { name: "n2", transient: { "master-pg": "5" } }, { name: "db-0", remote: true }, { name: "db-1", remote: true }];
    const generated = expandBundles(parseXml(buildCib({ nodes, resources: promotable })));
    const digest = (m: Map<string, string>) => ({ "op-digest": paramsDigest(m) });
    const ops = [0, 1].flatMap((i) => [
      { rsc: `db-podman-${i}`, node: `n${i + 1}`, op: "start", call: 1, agent: ocf("heartbeat", "podman"), attrs: digest(params(generated, `db-podman-${i}`)) },
      { rsc: `db-${i}`, node: `n${i + 1}`, op: "start", call: 2, agent: ocf("pacemaker", "remote"), attrs: digest(new Map([["addr", `n${i + 1}`], ["port", "3123"]])) },
      { rsc: "pg", node: `db-${i}`, op: "start", call: 3, attrs: digest(new Map()) },
    ]);
    expect(summaryOf({ nodes, resources: promotable, ops })).toEqual(["* Promote pg:1 ( Unpromoted -> Promoted db-1 )"]);
  });

  describe("in the transition graph (actions and orderings as crm_simulate 2.1.5 -S -G writes them)", () => {
    const graphOf = (spec: CibSpec) => transitionGraph(parseXml(buildCib(spec)), NOW);
    const executed = (spec: CibSpec) => graphOf(spec).actions.filter((a) => a.kind === "rsc_op").map(keyOf).sort();

    test("each replica's resources are probed on the cluster nodes, the inner instances only on their guest nodes", () => {
      const spec = { nodes: twoNodes, resources: web + d1, constraints: `<rsc_order id="o1" first="web" then="d1"/>` };
      const perReplica = (n: number, host: string) => [
        `web-${n}_monitor_0@n1`, `web-${n}_monitor_0@n2`, `web-${n}_monitor_30000@${host}`, `web-${n}_start_0@${host}`,
        `web-docker-${n}_monitor_0@n1`, `web-docker-${n}_monitor_0@n2`, `web-docker-${n}_monitor_60000@${host}`, `web-docker-${n}_start_0@${host}`,
        `web-ip-10.0.0.1${n}_monitor_0@n1`, `web-ip-10.0.0.1${n}_monitor_0@n2`, `web-ip-10.0.0.1${n}_monitor_60000@${host}`, `web-ip-10.0.0.1${n}_start_0@${host}`,
        `httpd:${n}_monitor_10000@web-${n}`, `httpd:${n}_start_0@web-${n}`,
      ];
      expect(executed(spec)).toEqual(["d1_monitor_0@n1", "d1_monitor_0@n2", "d1_start_0@n1", ...perReplica(0, "n1"), ...perReplica(1, "n2")].sort());
    });

    test("probes and pseudo actions order the containers, connections and inner clone", () => {
      const g = graphOf({ nodes: twoNodes, resources: web + d1, constraints: `<rsc_order id="o1" first="web" then="d1"/>` });
      // a container's probe comes before the other containers' starts on its node (one replica per host)
      expect(before(g, "web-docker-1_monitor_0@n1", "web-docker-0_start_0@n1")).toBe(true);
      // a connection is probed once its container runs
      expect(before(g, "web-docker-0_start_0@n1", "web-0_monitor_0@n2")).toBe(true);
      // the inner clone starts after the probes of the (stopped) guests of its guest nodes
      expect(before(g, "web-docker-1_monitor_0@n1", "httpd:0_start_0@web-0")).toBe(true);
      // the bundle is running once its inner clone is
      expect(before(g, "httpd:1_start_0@web-1", "d1_start_0@n1")).toBe(true);
      expect(before(g, "d1_monitor_0@n2", "httpd:0_start_0@web-0")).toBe(false);
    });

    test("with its containers running, the bundle's start and running stand for its inner clone's; its guest node probes only that", () => {
      const one = web.replace('replicas="2"', 'replicas="1"').replace(/<operations>.*<\/operations>/, "");
      const base = { nodes: twoNodes, resources: one + d1, constraints: `<rsc_order id="o1" first="web" then="d1"/>` };
      const generated = expandBundles(parseXml(buildCib(base)));
      // histories whose digests match: the replica's resources stay as they are
      const started = (rsc: string, call: number, agent: string) => ({ rsc, node: "n1", op: "start", call, agent, attrs: { "op-digest": paramsDigest(params(generated, rsc)) } });
      const ops = [started("web-ip-10.0.0.10", 1, ocf("heartbeat", "IPaddr2")), started("web-docker-0", 2, ocf("heartbeat", "docker")), started("web-0", 3, ocf("pacemaker", "remote"))];
      const spec = { ...base, nodes: [...twoNodes, { name: "web-0", remote: true }], ops };
      expect(executed(spec)).toEqual(
        [
          "httpd:0_monitor_0@web-0", "httpd:0_start_0@web-0", "d1_monitor_0@n1", "d1_monitor_0@n2", "d1_start_0@n2",
          "web-ip-10.0.0.10_monitor_0@n2", "web-ip-10.0.0.10_monitor_60000@n1", "web-docker-0_monitor_0@n2", "web-docker-0_monitor_60000@n1",
          "web-0_monitor_0@n2", "web-0_monitor_30000@n1",
        ].sort(),
      );
      expect(before(graphOf(spec), "httpd:0_start_0@web-0", "d1_start_0@n2")).toBe(true);
    });

    test("a failed container's guest fencing precedes its inner instance's implied stop through the inner clone's stop only", () => {
      const stateful = db.replace(/<meta_attributes id="pg-meta">.*?<\/meta_attributes>/, "").replace('type="pgsql"', 'type="Stateful"');
      const nodes = [{ name: "n1" }, { name: "n2" }, { name: "db-0", remote: true, transient: { "master-pg": "10" } }, { name: "db-1", remote: true }];
      const generated = expandBundles(parseXml(buildCib({ nodes, resources: stateful })));
      const digest = (m: Map<string, string>) => ({ "op-digest": paramsDigest(m) });
      const ops = [0, 1].flatMap((i) => [
        { rsc: `db-podman-${i}`, node: `n${i + 1}`, op: "start", call: 1, agent: ocf("heartbeat", "podman"), attrs: digest(params(generated, `db-podman-${i}`)) },
        { rsc: `db-${i}`, node: `n${i + 1}`, op: "start", call: 2, agent: ocf("pacemaker", "remote"), attrs: digest(new Map([["addr", `n${i + 1}`], ["port", "3123"]])) },
        { rsc: "pg", node: `db-${i}`, op: i === 0 ? "promote" : "start", call: 3, attrs: digest(new Map()) },
      ]);
      ops.push({ rsc: "db-podman-0", node: "n1", op: "monitor", interval: 60000, rc: 7, expected: 0, call: 4, agent: ocf("heartbeat", "podman"), attrs: { "op-digest": "0" } } as (typeof ops)[number]);
      const spec = { nodes, resources: stateful, ops };
      expect(summaryOf(spec)[0]).toBe("* Fence (reboot) db-0 (resource: db-podman-0) 'guest is unclean'");
      const g = graphOf(spec);
      // no cycle: the container's stop comes before the guest's fencing, never after it
      expect(before(g, "db-podman-0_stop_0@n1", "db-podman-0_stop_0@n1")).toBe(false);
      expect(before(g, "db-podman-0_stop_0@n1", "pg_start_0@db-0")).toBe(true);
    });

    test("a bundle with a notifying inner clone is running once its post notifications are confirmed", () => {
      const g = graphOf({ nodes: twoNodes, resources: db + d1, constraints: `<rsc_order id="o1" first="db" then="d1"/>` });
      expect(before(g, "pg:1_post_notify_start_0@db-1", "d1_start_0@n1")).toBe(true);
      expect(before(g, "db-podman-0_start_0@n1", "db-1_monitor_0@n1")).toBe(false);
      expect(g.actions.some((a) => keyOf(a) === "db-podman-0_monitor_0@n2")).toBe(true);
    });
  });
});
