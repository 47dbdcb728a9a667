/** Running a program or the CLI to its end from a test, with what it printed. */
import { spawn } from "node:child_process";

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = new URL("../../", import.meta.url).pathname;

/** Resolves when the program exits, whatever its status; rejects only if it cannot start. */
export function runProcess(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** `node bin/presswatch.js …` from the repository, with exactly the environment given. */
export function presswatch(args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return runProcess(process.execPath, ["bin/presswatch.js", ...args], env);
}
