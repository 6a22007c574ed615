export const summary = "(not yet implemented)";
export async function run(_args: string[]): Promise<number> {
  console.error("atlas suggest: not yet implemented");
  return 2;
}
