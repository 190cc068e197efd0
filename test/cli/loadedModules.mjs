// Preload for test/cli/startup.test.ts: at exit, write the URLs of every ES module the process loaded
// (one per line) to the file named by SCALECAST_MODULES_FILE.
import { register } from "node:module";
import { writeFileSync } from "node:fs";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on("message", (url) => urls.push(url));
port1.unref();
register("./loadedModulesHooks.mjs", import.meta.url, { data: { port: port2 }, transferList: [port2] });
process.on("exit", () => writeFileSync(process.env.SCALECAST_MODULES_FILE, urls.join("\n")));
