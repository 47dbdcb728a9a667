/**
 * Finds a JDK that can run OpenSearch 3.x (Java 21 or newer). The default `java` on these
 * machines is 17, so we look at OPENSEARCH_JAVA_HOME, JAVA_HOME and every JDK under /usr/lib/jvm.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ServiceError } from "./errors.ts";

export const MIN_JAVA = 21;

function javaMajor(home: string): number | undefined {
  try {
    const release = readFileSync(join(home, "release"), "utf8");
    const version = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(release);
    if (!version) return undefined;
    // Java 8 and older report "1.8"
    return version[1] === "1" ? Number(version[2]) : Number(version[1]);
  } catch {
    return undefined;
  }
}

export interface JavaSearch {
  OPENSEARCH_JAVA_HOME?: string | undefined;
  JAVA_HOME?: string | undefined;
  JVM_DIR: string;
}

export function findJavaHome(where: JavaSearch): string {
  const jvmDir = where.JVM_DIR;
  const candidates = [where.OPENSEARCH_JAVA_HOME, where.JAVA_HOME].filter((home): home is string =>
    Boolean(home),
  );
  if (existsSync(jvmDir)) {
    for (const entry of readdirSync(jvmDir).sort().reverse()) candidates.push(join(jvmDir, entry));
  }
  const seen: string[] = [];
  for (const home of candidates) {
    if (!existsSync(join(home, "bin", "java"))) continue;
    const major = javaMajor(home);
    seen.push(`${home} (${major ?? "unknown version"})`);
    if (major !== undefined && major >= MIN_JAVA) return home;
  }
  throw new ServiceError(
    "opensearch",
    `no Java ${MIN_JAVA}+ JDK found (OpenSearch 3.x needs one); looked at OPENSEARCH_JAVA_HOME, JAVA_HOME and ${jvmDir}` +
      (seen.length ? `, found only: ${seen.join(", ")}` : ", found none") +
      "; install a JDK 21+ (e.g. Temurin 25) or set OPENSEARCH_JAVA_HOME",
  );
}
