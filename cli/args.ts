/**
 * The one argument convention of every `presswatch` command and subcommand: options described once
 * (the parser's configuration and the `--help` text come from the same table), Node's strict
 * `util.parseArgs`, `--help`/`-h` everywhere, and misuse as one line with exit status 2.
 */
import { parseArgs } from "node:util";
import { CliError } from "./errors.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The placeholder shown in the help for a string option (`FILE`, `N`, …). */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** The words after `presswatch`: "crawl", "store reindex". */
  name: string;
  /** What it does, one sentence. */
  summary: string;
  /** Usage lines after `presswatch <name> `, e.g. "[--once] [--source ID]...". */
  usage: string[];
  options: Record<string, OptionSpec>;
  /** Positional arguments: none (false, the default), or their description for the help. */
  positionals?: string | false;
  /** Extra lines for the help (environment variables read, exit statuses). */
  notes?: string[];
}

export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** `--help` answered: main prints the text on standard output and exits 0. */
export class HelpShown extends CliError {
  constructor(text: string) {
    super(text, 0);
    this.name = "HelpShown";
  }
}

const HELP: OptionSpec = { type: "boolean", short: "h", help: "show this help" };

export function helpText(spec: CommandSpec): string {
  const options = { ...spec.options, help: HELP };
  const left = (name: string, option: OptionSpec) =>
    `${option.short ? `-${option.short}, ` : "    "}--${name}${option.type === "string" ? ` ${option.value ?? "VALUE"}` : ""}`;
  const width = Math.max(...Object.entries(options).map(([name, option]) => left(name, option).length));
  return [
    ...spec.usage.map((line, i) =>
      `${i === 0 ? "usage:" : "      "} presswatch ${spec.name} ${line}`.trimEnd(),
    ),
    "",
    spec.summary,
    ...(spec.positionals ? ["", `arguments: ${spec.positionals}`] : []),
    "",
    "options:",
    ...Object.entries(options).map(
      ([name, option]) =>
        `  ${left(name, option).padEnd(width)}  ${option.help}${option.multiple ? " (repeatable)" : ""}`,
    ),
    ...(spec.notes?.length ? ["", ...spec.notes] : []),
  ].join("\n");
}

/** True when the arguments ask for help (before any `--`). */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** A misuse of `spec`'s command, as one line that points to its help. */
export function usageError(spec: Pick<CommandSpec, "name">, problem: string): CliError {
  return new CliError(`${problem} (see presswatch ${spec.name} --help)`, 2);
}

/** One line for what `util.parseArgs` refused. */
function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option ${option}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return /argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""}`.trimEnd();
  }
  return message.split("\n")[0]!;
}

/**
 * Parses `args` against `spec`: `--help` throws HelpShown; an unknown option, a missing value or an
 * argument the command does not take throws a one-line CliError with exit status 2.
 */
export function parseCommand(spec: CommandSpec, args: string[]): { values: Values; positionals: string[] } {
  if (wantsHelp(args)) throw new HelpShown(helpText(spec));
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, { type, short, multiple }]) => [
      name,
      { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: Boolean(spec.positionals),
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw usageError(spec, describe(error));
  }
}

/** A string option's value (undefined when absent). */
export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** A non-negative integer option. */
export function integerOption(spec: CommandSpec, values: Values, name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(number))
    throw usageError(spec, `--${name} must be a non-negative integer, not "${text}"`);
  return number;
}

/**
 * A command with subcommands: the first argument picks one. `presswatch X --help` (or no
 * subcommand) lists them; anything else unknown is a one-line usage error.
 */
export function pickSubcommand<T extends string>(
  spec: { name: string; summary: string; subcommands: Record<T, string> },
  args: string[],
): { subcommand: T; rest: string[] } {
  const [first, ...rest] = args;
  const names = Object.keys(spec.subcommands) as T[];
  const list = () =>
    [
      `usage: presswatch ${spec.name} ${names.join("|")} [options]`,
      "",
      spec.summary,
      "",
      "subcommands:",
      ...names.map(
        (name) => `  ${name.padEnd(Math.max(...names.map((n) => n.length)))}  ${spec.subcommands[name]}`,
      ),
      "",
      `presswatch ${spec.name} SUBCOMMAND --help shows its options.`,
    ].join("\n");
  if (first === undefined) throw usageError(spec, `needs a subcommand: ${names.join(", ")}`);
  if (first === "--help" || first === "-h" || first === "help") throw new HelpShown(list());
  if (!names.includes(first as T))
    throw usageError(spec, `unknown ${first.startsWith("-") ? "option" : "subcommand"} ${first}`);
  return { subcommand: first as T, rest };
}
