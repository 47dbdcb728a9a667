#!/usr/bin/env node
// The `presswatch` command. The sources are TypeScript run through tsx's loader, so a checkout
// works without a build step; production images run the same entry.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
