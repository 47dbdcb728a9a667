/** Reading a generated PDF back as text, for tests that check the numbers it holds. */
import { spawn } from "node:child_process";

/** The text between the first `from` and the next `to`. */
export function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`no section ${from} … ${to}`);
  return text.slice(start, end);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The PDF's text laid out as on the page, through poppler's pdftotext. */
export function pdfText(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("error", (error) =>
      reject(
        new Error(
          `pdftotext is needed to read the PDF back (apt-get install poppler-utils): ${error.message}`,
        ),
      ),
    );
    child.on("close", (status) =>
      status === 0 ? resolve(out) : reject(new Error(`pdftotext failed: ${err}`)),
    );
  });
}
