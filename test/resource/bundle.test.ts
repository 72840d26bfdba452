import {
  appendNewBundle,
  bundleConformsToSchema,
  remoteAccessible,
  updateBundle,
  validateBundleUpdate,
  validateNewBundle,
  type NewBundle,
} from "../../src/cib/bundle";
import { emptyCib, section } from "../../src/cib/document";
import { IdIndex } from "../../src/cib/ids";
import { serializeXml, type XmlElement } from "../../src/cib/xml";
import { cibSession } from "../helpers/cli";

const spec = (over: Partial<NewBundle> = {}): NewBundle => ({
  id: "b1",
  containerType: "docker",
  container: { image: "img", replicas: "2" },
  network: { "control-port": "3121" },
  portMaps: [{ port: "80" }],
  storageMaps: [{ "source-dir": "/srv", "target-dir": "/data" }],
  meta: { priority: "1" },
  ...over,
});

const codes = (items: { code: string }[]) => items.map((i) => i.code);

describe("bundle validation", () => {
  test("a complete bundle is valid", () => {
    expect(validateNewBundle(spec(), new IdIndex(emptyCib()))).toEqual([]);
  });

  test("bad container type, id, ports and maps are all reported", () => {
    const items = validateNewBundle(
      spec({
        id: "1b",
        containerType: "lxc",
        network: { "control-port": "70000" },
        portMaps: [{ "internal-port": "80" }],
        storageMaps: [{ "target-dir": "/x" }],
      }),
      new IdIndex(emptyCib()),
    );
    expect(codes(items)).toEqual(
      expect.arrayContaining(["INVALID_ID_BAD_CHAR", "INVALID_OPTION_VALUE", "PREREQUISITE_OPTION_IS_MISSING", "REQUIRED_OPTION_OF_ALTERNATIVES_IS_MISSING"]),
    );
  });

  test("unknown options are forceable, image is required", () => {
    const items = validateNewBundle(spec({ container: { bogus: "1" } }), new IdIndex(emptyCib()));
    expect(items.find((i) => i.code === "INVALID_OPTIONS")?.forceable).toBe(true);
    expect(codes(items)).toContain("REQUIRED_OPTIONS_ARE_MISSING");
  });
});

describe("bundle elements", () => {
  const build = (): { cib: XmlElement; bundle: XmlElement; ids: IdIndex } => {
    const cib = emptyCib();
    const ids = new IdIndex(cib);
    const bundle = appendNewBundle(section(cib, "resources"), ids, spec());
    return { cib, bundle, ids };
  };

  test("ids come from the bundle id", () => {
    const xml = serializeXml(build().bundle);
    expect(xml).toContain('id="b1-port-map-80"');
    expect(xml).toContain('id="b1-storage-map"');
    expect(xml).toContain('id="b1-meta_attributes-priority"');
  });

  test("update removes maps by id and keeps pacemaker-remote reachability checked", () => {
    const { bundle, ids } = build();
    const change = {
      container: { replicas: "" },
      network: { "control-port": "" },
      portMapAdd: [],
      portMapRemove: ["b1-port-map-80"],
      storageMapAdd: [],
      storageMapRemove: ["nosuch"],
      meta: {},
    };
    expect(codes(validateBundleUpdate(bundle, change, ids))).toEqual(["ID_NOT_FOUND"]);
    updateBundle(bundle, { ...change, storageMapRemove: [] }, ids);
    expect(serializeXml(bundle)).not.toContain("port-mapping");
    expect(remoteAccessible(bundle)).toBe(false);
    expect(bundleConformsToSchema(bundle)).toBe(true);
  });
});

test("maps removed in an update free their ids for the maps it adds, as pcs orders it", () => {
  const cib = emptyCib();
  const bundle = appendNewBundle(section(cib, "resources"), new IdIndex(cib), spec());
  const ids = new IdIndex(cib);
  const change = { container: {}, network: {}, portMapAdd: [{ port: "80" }], portMapRemove: ["b1-port-map-80"], storageMapAdd: [{ "source-dir": "/e", "target-dir": "/f" }], storageMapRemove: ["b1-storage-map"], meta: {} };
  expect(validateBundleUpdate(bundle, change, ids)).toEqual([]);
  updateBundle(bundle, change, ids);
  const xml = serializeXml(bundle);
  expect(xml).toContain('<port-mapping id="b1-port-map-80" port="80"/>');
  expect(xml).toContain('<storage-mapping id="b1-storage-map" source-dir="/e" target-dir="/f"/>');
  // a released id taken again is in use
  expect(ids.has("b1-storage-map")).toBe(true);
});

describe("bundle commands", () => {
  test("create, put a resource in, refuse a second one", () => {
    const s = cibSession();
    try {
      expect(s.pcs("resource", "bundle", "create", "b1", "container", "docker", "image=x", "network", "control-port=3121").code).toBe(0);
      expect(s.pcs("resource", "create", "a", "ocf:heartbeat:Dummy", "bundle", "b1", "--no-default-ops").code).toBe(0);
      const second = s.pcs("resource", "create", "c", "ocf:heartbeat:Dummy", "bundle", "b1", "--no-default-ops");
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("already contains resource 'a'");
      expect(s.read()).toMatch(/<bundle id="b1">[\s\S]*<primitive id="a"/);
    } finally {
      s.cleanup();
    }
  });

  test("forced unknown container option is rejected by the schema", () => {
    const s = cibSession();
    try {
      const r = s.pcs("resource", "bundle", "create", "b1", "container", "docker", "image=x", "bogus=1", "--force");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("Unable to update cib");
    } finally {
      s.cleanup();
    }
  });
});
