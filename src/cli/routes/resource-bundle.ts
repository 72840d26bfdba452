// resource bundle create | update | reset
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { withUsage } from "./resource-manage.js";

const bundle = () => import("../../commands/resource/bundle.js");

const MAPS =
  "Each port-map (port=<port> [internal-port=<port>] | range=<start-end>) and storage-map (source-dir=<dir> | " +
  "source-dir-root=<dir>, target-dir=<dir>) gets an id made from the bundle id unless id=<id> is given.";

export const resourceBundleRoutes: Route[] = [
  {
    path: ["resource", "bundle", "create"],
    synopsis:
      "bundle create <bundle id> container <container type> [<container options>]\n" +
      "[network <network options>] [port-map <port options>]... [storage-map <storage options>]...\n" +
      "[meta <meta options>] [--disabled] [--wait[=n]]",
    help:
      "Create a bundle: a container (docker, podman or rkt; image=<image> is required) that can hold one resource, " +
      "added with 'pcs resource create ... bundle <bundle id>'. " +
      MAPS +
      " With --disabled the bundle is created stopped.",
    options: ["--force", "--disabled", "--wait"],
    complete: [["container", "network", "port-map", "storage-map", "meta"]],
    run: withUsage(() => resourceBundleRoutes[0], lazy(bundle, (m) => m.bundleCreateCommand)),
  },
  {
    path: ["resource", "bundle", "reset"],
    synopsis:
      "bundle reset <bundle id> [container <container options>] [network <network options>]\n" +
      "[port-map <port options>]... [storage-map <storage options>]... [meta <meta options>] [--disabled] [--wait[=n]]",
    help:
      "Replace the configuration of a bundle, keeping its container type, image and inner resource; everything else " +
      "is taken from the command line.",
    options: ["--force", "--disabled", "--wait"],
    complete: ["resource", ["container", "network", "port-map", "storage-map", "meta"]],
    run: withUsage(() => resourceBundleRoutes[1], lazy(bundle, (m) => m.bundleResetCommand)),
  },
  {
    path: ["resource", "bundle", "update"],
    synopsis:
      "bundle update <bundle id> [container <container options>] [network <network options>]\n" +
      "[port-map (add <port options>) | (delete | remove <id>...)]...\n" +
      "[storage-map (add <storage options>) | (delete | remove <id>...)]... [meta <meta options>] [--wait[=n]]",
    help: "Change a bundle's options; an empty value removes an option. Port and storage maps are added or removed by id.",
    options: ["--force", "--wait"],
    complete: ["resource", ["container", "network", "port-map", "storage-map", "meta"]],
    run: withUsage(() => resourceBundleRoutes[2], lazy(bundle, (m) => m.bundleUpdateCommand)),
  },
];
