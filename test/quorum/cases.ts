// Command sequences on a corosync.conf file (--corosync_conf), each run by the real pcs and by bin/pcs
// on copies of the same fixture: outputs, exit codes and the resulting file must be the same.

export interface ConfCase {
  name: string;
  /** a file of test/quorum/fixtures, or undefined: no file at all */
  fixture?: string;
  steps: string[][];
  /** the steps write a random cluster UUID: compare with it masked */
  randomUuid?: boolean;
}

const w = (line: string): string[] => line.split(" ");

const K2 = "knet-2nodes.conf";
const K3 = "knet-3nodes-links.conf";
const Q3 = "udpu-3nodes-qdevice.conf";
const U2 = "udp-2nodes-messy.conf";
const N2 = "knet-2nodes-no-uuid.conf";

export const CASES: ConfCase[] = [
  // quorum config / update
  { name: "quorum config", fixture: K2, steps: [w("quorum config"), w("quorum"), w("quorum config extra")] },
  { name: "quorum config with a device", fixture: Q3, steps: [w("quorum config")] },
  { name: "quorum config options", fixture: K3, steps: [w("quorum config"), w("quorum config --force"), w("quorum config --full")] },
  {
    name: "quorum update",
    fixture: K2,
    steps: [w("quorum update wait_for_all=1"), w("quorum config"), w("quorum update wait_for_all="), w("quorum config")],
  },
  { name: "quorum update no options", fixture: K2, steps: [w("quorum update"), w("quorum update wait_for_all")] },
  {
    name: "quorum update invalid",
    fixture: K2,
    steps: [
      w("quorum update nonsense=invalid"),
      w("quorum update wait_for_all=invalid auto_tie_breaker=2 last_man_standing=x last_man_standing_window=-1"),
      ["quorum", "update", "a{b=1", "wait_for_all=1}", "x=y"],
      w("quorum update last_man_standing_window=1000"),
      w("quorum update wait_for_all=1 wait_for_all=0"),
      w("quorum update =1"),
    ],
  },
  {
    name: "quorum update two_node follows auto_tie_breaker",
    fixture: K2,
    steps: [
      w("quorum update auto_tie_breaker=1"),
      w("quorum update auto_tie_breaker=0 last_man_standing=1 last_man_standing_window=3000"),
      w("quorum update auto_tie_breaker="),
      w("quorum config"),
    ],
  },
  { name: "quorum update lms window", fixture: K3, steps: [w("quorum update last_man_standing_window=5000"), w("quorum update last_man_standing=")] },
  { name: "quorum update with a device", fixture: Q3, steps: [w("quorum update auto_tie_breaker=1 last_man_standing=0 wait_for_all=1")] },
  { name: "quorum update rewrites the layout", fixture: U2, steps: [w("quorum update wait_for_all=0"), w("quorum update wait_for_all=0")] },
  { name: "quorum update unchanged keeps the layout", fixture: U2, steps: [w("quorum update wait_for_all=")] },
  {
    name: "quorum options pcs refuses",
    fixture: K2,
    steps: [w("quorum update wait_for_all=1 --full"), ["-f", "cib.xml", "quorum", "config"], w("quorum update wait_for_all=1 --request-timeout=5")],
  },
  // quorum device
  {
    name: "device add usage errors",
    fixture: K2,
    steps: [
      w("quorum device add option=value host=127.0.0.1"),
      w("quorum device add option=value model host=127.0.0.1"),
      w("quorum device add model net host=127.0.0.1 model disk"),
      w("quorum device add model=disk model net host=127.0.0.1"),
      ["quorum", "device", "add", "model", "net", "host=127.0.0.1", "heuristics", "mode=on", "heuristics", "exec_ls=test -f /tmp/test"],
      w("quorum device add model net host=127.0.0.1 heuristic mode=on"),
      w("quorum device add model net host=127.0.0.1 heuristics"),
      w("quorum device add"),
      w("quorum device add model"),
    ],
  },
  { name: "device add on a device", fixture: Q3, steps: [w("quorum device add model net host=127.0.0.1"), w("quorum device add model net host=127.0.0.1 --force")] },
  { name: "device add lms", fixture: K2, steps: [w("quorum device add model net host=127.0.0.1 algorithm=lms"), w("quorum config")] },
  {
    name: "device add ffsplit with generic options",
    fixture: K3,
    steps: [w("quorum device add timeout=12345 model net host=127.0.0.1 algorithm=ffsplit tie_breaker=10 port=5403"), w("quorum config")],
  },
  {
    name: "device add heuristics",
    fixture: K2,
    steps: [
      ["quorum", "device", "add", "sync_timeout=3000", "model", "net", "host=q", "algorithm=ffsplit", "heuristics", "mode=on", "exec_ls=test -f /tmp/test"],
      w("quorum config"),
      w("cluster config"),
      w("cluster config --output-format=json"),
      w("cluster config --output-format=cmd"),
    ],
  },
  { name: "device add heuristics without exec", fixture: K2, steps: [w("quorum device add model net host=q algorithm=ffsplit heuristics mode=sync")] },
  { name: "device add required options", fixture: K2, steps: [w("quorum device add model net"), w("quorum device add model net host= algorithm=")] },
  {
    name: "device add bad options",
    fixture: K2,
    steps: [
      w("quorum device add a=b timeout=-1 model net host=127.0.0.1 algorithm=x c=d heuristics mode=bad e=f"),
      w("quorum device add a=b timeout=-1 model net host=127.0.0.1 algorithm=x c=d heuristics mode=bad e=f interval=0 exec_x= --force"),
      w("quorum config"),
    ],
  },
  {
    name: "device add bad net options",
    fixture: K3,
    steps: [w("quorum device add model net host=h algorithm=lms connect_timeout=5 force_ip_version=5 port=70000 tie_breaker=7 sync_timeout=0")],
  },
  {
    name: "device add unknown model",
    fixture: K2,
    steps: [w("quorum device add model invalid x=y"), w("quorum device add model invalid x=y --force"), w("quorum config")],
  },
  { name: "device add removes incompatible options", fixture: K3, steps: [w("quorum device add model net host=h algorithm=lms"), w("quorum config")] },
  // device remove / heuristics remove / update
  {
    name: "device remove",
    fixture: Q3,
    steps: [w("quorum device remove net"), w("quorum device remove"), w("quorum config"), w("quorum device delete"), w("quorum device remove")],
  },
  { name: "device delete", fixture: Q3, steps: [w("quorum device delete"), w("quorum config")] },
  { name: "device remove on two nodes", fixture: K2, steps: [w("quorum device add model net host=h algorithm=ffsplit"), w("quorum device remove")] },
  {
    name: "device heuristics remove",
    fixture: Q3,
    steps: [w("quorum device heuristics remove option"), w("quorum device heuristics remove"), w("quorum config"), w("quorum device heuristics delete")],
  },
  { name: "device heuristics remove without a device", fixture: K2, steps: [w("quorum device heuristics delete"), w("quorum device heuristics remove")] },
  {
    name: "device update",
    fixture: Q3,
    steps: [
      w("quorum device update timeout=12345"),
      w("quorum device update model host=127.0.0.2 algorithm=ffsplit"),
      ["quorum", "device", "update", "heuristics", "mode=on", "exec_ping=", "exec_ls=test -f /tmp/tst"],
      w("quorum config"),
      w("quorum device update timeout= model algorithm=lms heuristics exec_ls="),
      w("quorum config"),
    ],
  },
  {
    name: "device update errors",
    fixture: Q3,
    steps: [
      w("quorum device update"),
      w("quorum device update model host="),
      w("quorum device update a=b timeout=-1 model port=x c=d"),
      w("quorum device update a=b timeout=-1 model port=x c=d --force"),
      w("quorum device update model=disk"),
      w("quorum device update model host=127.0.0.2 model port=1"),
      w("quorum device update heuristics mode=off"),
      w("quorum config"),
    ],
  },
  { name: "device update without a device", fixture: K2, steps: [w("quorum device update option=new_value model host=127.0.0.2")] },
  // live-only quorum commands
  {
    name: "live quorum commands refuse the file",
    fixture: K2,
    steps: [w("quorum status"), w("quorum expected-votes 3"), w("quorum unblock"), w("quorum device status")],
  },
  // files that cannot be used
  { name: "missing file", steps: [w("quorum config"), w("quorum update wait_for_all=1"), w("quorum device remove")] },
  { name: "broken file", fixture: "broken.conf", steps: [w("quorum config"), w("quorum update wait_for_all=1"), w("cluster config")] },
  // cluster config show
  {
    name: "cluster config show",
    fixture: K2,
    steps: [
      w("cluster config"),
      w("cluster config show"),
      w("cluster config show --output-format=text"),
      w("cluster config --output-format=json"),
      w("cluster config show --output-format=cmd"),
      w("cluster config show --output-format=xml"),
      w("cluster config --corosync"),
    ],
  },
  {
    name: "cluster config show links",
    fixture: K3,
    steps: [w("cluster config"), w("cluster config --output-format=json"), w("cluster config --output-format=cmd")],
  },
  {
    name: "cluster config show udp",
    fixture: U2,
    steps: [w("cluster config"), w("cluster config --output-format=json"), w("cluster config --output-format=cmd")],
  },
  {
    name: "cluster config show qdevice",
    fixture: Q3,
    steps: [w("cluster config"), w("cluster config --output-format=json"), w("cluster config --output-format=cmd")],
  },
  { name: "cluster config show no uuid", fixture: N2, steps: [w("cluster config"), w("cluster config --output-format=cmd")] },
  { name: "cluster config usage", fixture: K2, steps: [w("cluster config show extra"), w("cluster config extra")] },
  { name: "cluster config missing file", steps: [w("cluster config"), w("cluster config update totem token=1"), w("cluster config uuid generate")] },
  // cluster config update
  { name: "cluster config update", fixture: N2, steps: [w("cluster config update transport ip_version=ipv4 totem token=12")] },
  {
    name: "cluster config update many options",
    fixture: K2,
    steps: [
      w(
        "cluster config update transport ip_version= link_mode=passive compression level=2 model=zlib threshold=10 crypto cipher=aes256 hash=sha512 model=openssl totem consensus=0 downcheck=1 token=12",
      ),
      w("cluster config"),
    ],
  },
  {
    name: "cluster config update errors",
    fixture: K2,
    steps: [
      w(
        "cluster config update transport ip_version=ipvx link_mode=passive compression level=2 model=zlib threshold=NaN crypto hash= model=openssl totem consensus=0 down_check=1 token=12",
      ),
      w("cluster config update totem block_unlisted_ips=maybe token=-1 crypto cipher=aes512 compression model="),
      w("cluster config update bogus"),
      w("cluster config update totem token"),
      w("cluster config update totem token=1 --force"),
      w("cluster config update crypto cipher=none hash=none"),
    ],
  },
  {
    name: "cluster config update udp",
    fixture: U2,
    steps: [
      w("cluster config update transport netmtu=1500 ip_version=ipv6 totem token=5000"),
      w("cluster config update transport netmtu=0 link_mode=rr compression level=1 crypto cipher=none"),
    ],
  },
  { name: "cluster config update nothing rewrites the layout", fixture: U2, steps: [w("cluster config update")] },
  // cluster config uuid
  { name: "uuid generate", fixture: N2, steps: [w("cluster config uuid generate"), w("cluster config uuid generate")], randomUuid: true },
  { name: "uuid generate forced", fixture: K2, steps: [w("cluster config uuid generate --force")], randomUuid: true },
  {
    name: "uuid usage",
    fixture: K2,
    steps: [w("cluster config uuid"), w("cluster config uuid x"), w("cluster config uuid generate x"), w("cluster config uuid generate --full")],
  },
];
