/** Reading a generated PDF back as text, for tests that check the numbers it holds. */
import { runProcess } from "./run.ts";

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
export async function pdfText(file: string): Promise<string> {
  const run = await runProcess("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).catch((error: Error) => {
    throw new Error(
      `pdftotext is needed to read the PDF back (apt-get install poppler-utils): ${error.message}`,
    );
  });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout;
}
