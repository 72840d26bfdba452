import { IdIndex, sanitizeId, validateId } from "../../src/cib/ids";
import { parseXml } from "../../src/cib/xml-parse";

describe("ids", () => {
  test("validates with pcs's rules and messages", () => {
    expect(validateId("good-id_1.x")).toEqual([]);
    expect(validateId("1bad", "resource name")[0].message).toBe(
      "invalid resource name '1bad', '1' is not a valid first character for a resource name",
    );
    expect(validateId("a:b")[0].message).toBe("invalid id 'a:b', ':' is not a valid character for a id");
    expect(validateId("", "resource name")[0].message).toBe("resource name cannot be empty");
  });

  test("sanitizes generated ids", () => {
    expect(sanitizeId("1a:b c")).toBe("abc");
  });

  test("allocates -1, -2 on collision, ignoring the status section", () => {
    const cib = parseXml('<cib><configuration><resources><primitive id="d"/><primitive id="d-1"/></resources></configuration><status><x id="e"/></status></cib>');
    const ids = new IdIndex(cib);
    expect(ids.allocate("d")).toBe("d-2");
    expect(ids.allocate("d")).toBe("d-3");
    expect(ids.allocate("e")).toBe("e");
    expect(ids.book("d", "new").map((r) => r.code)).toEqual(["ID_ALREADY_EXISTS"]);
  });
});
