// The parts of ssh2 the CLI loads on its own (the package index also loads the server and agents).
declare module "ssh2/lib/client.js" {
  import { Client } from "ssh2";
  export default Client;
}
declare module "ssh2/lib/protocol/keyParser.js" {
  import { utils } from "ssh2";
  const keyParser: { parseKey: typeof utils.parseKey };
  export default keyParser;
}
declare module "ssh2/lib/keygen.js" {
  import { utils } from "ssh2";
  const keygen: { generateKeyPairSync: typeof utils.generateKeyPairSync };
  export default keygen;
}
