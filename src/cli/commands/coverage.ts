export const summary = "(not yet implemented)";
export async function run(_args: string[]): Promise<number> {
  console.error("atlas coverage: not yet implemented");
  return 2;
}
