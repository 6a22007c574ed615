/**
 * `npm run atlas -- <command> [...]`: the command-line face of the atlas. Each command lives in
 * src/cli/commands/<name>.ts and exports `run(args: string[]): Promise<number>` (the exit code).
 * Exit codes: 0 ok, 1 invalid input / failed check, 2 wrong usage.
 */
type CommandModule = { run(args: string[]): Promise<number>; summary: string };

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  check: () => import("./commands/check.ts"),
  coverage: () => import("./commands/coverage.ts"),
  lifecircle: () => import("./commands/lifecircle.ts"),
  suggest: () => import("./commands/suggest.ts"),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || !(name in COMMANDS)) {
    const lines = ["usage: npm run atlas -- <command> [options]", "", "commands:"];
    for (const [key, load] of Object.entries(COMMANDS)) {
      const summary = await load().then((m) => m.summary, () => "(unavailable)");
      lines.push(`  ${key.padEnd(11)} ${summary}`);
    }
    (name && name !== "--help" && name !== "-h" ? console.error : console.log)(
      (name && !(name in COMMANDS) && name !== "--help" && name !== "-h" ? `unknown command: ${name}\n\n` : "") + lines.join("\n"),
    );
    return name && name !== "--help" && name !== "-h" ? 2 : 0;
  }
  return (await COMMANDS[name]!()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Bad input is reported by the commands themselves; reaching here is a bug in the atlas.
    console.error(`atlas: internal error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(3);
  },
);
