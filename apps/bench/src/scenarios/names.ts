/** The scenarios `--only` can pick, in the order a run does them. */
export const SCENARIOS = [
  'decode',
  'throughput',
  'ready',
  'progress',
  'idle',
  'clients',
  'resume',
  'redis',
  'multi',
  'curve',
  'tools',
] as const;

/** A scenario's name. */
export type ScenarioName = (typeof SCENARIOS)[number];
